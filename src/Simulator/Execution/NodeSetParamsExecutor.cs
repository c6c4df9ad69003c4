using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_NODE_SET_PARAMS with Ganeti's role rules: something must change; at most one of
/// offline, master_candidate and drained may be set true; the master's flags change only by
/// master failover, and the master stays master capable; a candidate needs master_capable; demoting a candidate must leave enough
/// candidates unless <c>auto_promote</c> picks another node. Answers the changes made.
/// </summary>
public sealed class NodeSetParamsExecutor : IOpExecutor
{
    private static readonly string[] Modifications =
        ["master_candidate", "offline", "drained", "master_capable", "vm_capable", "secondary_ip", "ndparams", "hv_state", "disk_state"];

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => ["nodes"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        bool? Flag(string key) => ctx.Op[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;
        var mc = Flag("master_candidate");
        var offline = Flag("offline");
        var drained = Flag("drained");
        var masterCapable = Flag("master_capable");
        var vmCapable = Flag("vm_capable");
        Node node;
        JsonObject? ndparams = null;
        lock (state.Sync)
        {
            node = Lookups.ExpandNode(ctx);
            if (!Modifications.Any(m => ctx.Op[m] is not null))
            {
                throw SimError.Prereq("Please pass at least one modification", ErrorCode.Invalid);
            }

            if (new[] { mc, offline, drained }.Count(f => f == true) > 1)
            {
                throw SimError.Prereq($"Can't set the node into more than one state at the same time", ErrorCode.Invalid);
            }

            if (node.Uuid == state.Cluster.MasterNodeUuid && (mc is not null || offline is not null || drained is not null))
            {
                throw SimError.Prereq("The master role can be changed only via master-failover", ErrorCode.Invalid);
            }

            if (mc == true && !(masterCapable ?? node.MasterCapable))
            {
                throw SimError.Prereq($"Node {node.Name} is not master capable, cannot become master candidate", ErrorCode.State);
            }

            if (vmCapable == false && state.Instances.Values.Any(i => i.PrimaryNodeUuid == node.Uuid || i.SecondaryNodeUuids.Contains(node.Uuid)))
            {
                throw SimError.Prereq($"Node {node.Name} hosts instances, cannot unset the vm_capable flag", ErrorCode.State);
            }

            var demoting = node.MasterCandidate && (mc == false || offline == true || drained == true || masterCapable == false);
            if (demoting && !ctx.Bool("auto_promote"))
            {
                var (remaining, wanted) = CandidatePool.Stats(state, exclude: node);
                if (remaining < wanted)
                {
                    throw SimError.Prereq("Not enough master candidates, please pass auto promote option to allow promotion (--auto-promote or RAPI auto_promote=True)", ErrorCode.State);
                }
            }

            if (masterCapable == false && node.MasterCandidate && node.Uuid == state.Cluster.MasterNodeUuid)
            {
                throw SimError.Prereq("Master must remain master capable", ErrorCode.State);
            }

            // GetUpdatedParams ("default" removes a key), then ForceDictType on the result.
            if (ctx.Op["ndparams"] is JsonObject nd)
            {
                ndparams = SetParams.Updated(node.Ndparams, nd, useNone: false);
                ParameterTypes.Force(ndparams, ParameterTypes.Node);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        var changes = new JsonArray();
        lock (state.Sync)
        {
            void Change(string key, bool value) => changes.Add(new JsonArray(key, value ? "True" : "False"));
            var changed = new List<ConfigObject> { node };

            // Going offline, being drained or losing master_capable each take a candidate out of the pool.
            (string Key, bool? Wanted, bool Current, Action<bool> Set, bool Demotes, string Reason)[] flags =
            [
                ("offline", offline, node.Offline, v => node.Offline = v, true, "offline"),
                ("drained", drained, node.Drained, v => node.Drained = v, true, "drain"),
                ("master_capable", masterCapable, node.MasterCapable, v => node.MasterCapable = v, false, "master_capable"),
            ];
            foreach (var flag in flags)
            {
                if (flag.Wanted is not { } value || value == flag.Current)
                {
                    continue;
                }

                flag.Set(value);
                Change(flag.Key, value);
                if (value == flag.Demotes && node.MasterCandidate)
                {
                    node.MasterCandidate = false;
                    changes.Add(new JsonArray("master_candidate", "auto-demotion due to " + flag.Reason));
                }
            }

            if (vmCapable is { } vm && vm != node.VmCapable)
            {
                node.VmCapable = vm;
                Change("vm_capable", vm);
            }

            if (mc is { } candidate && candidate != node.MasterCandidate)
            {
                node.MasterCandidate = candidate;
                Change("master_candidate", candidate);
            }

            if (ctx.Op["secondary_ip"] is JsonValue ip && ip.TryGetValue<string>(out var sip))
            {
                node.SecondaryIp = sip;
                changes.Add(new JsonArray("secondary_ip", sip));
            }

            // Ganeti's answer lists flag and address changes only, not the new parameters.
            if (ndparams is not null)
            {
                node.Ndparams = ndparams;
            }

            if (!node.Offline && !node.Drained && node.MasterCapable && !node.MasterCandidate)
            {
                var (remaining, wanted) = CandidatePool.Stats(state);
                if (remaining < wanted)
                {
                    node.MasterCandidate = true;
                    changes.Add(new JsonArray("master_candidate", "auto-promotion"));
                }
            }
            else if (ctx.Bool("auto_promote"))
            {
                changed.AddRange(CandidatePool.Maintain(state, ctx.Now));
            }

            node.Touch(ctx.Now);
            ctx.Store.SaveObjects(changed);
        }

        return changes;
    }
}
