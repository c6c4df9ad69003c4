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
            var changed = new List<ConfigObject> { node };
            (bool Candidate, bool Drained, bool Offline) before = (node.MasterCandidate, node.Drained, node.Offline);

            // Going offline, being drained or losing master_capable each take a candidate out of the pool.
            (bool? Wanted, bool Current, Action<bool> Set, bool Demotes)[] flags =
            [
                (offline, node.Offline, v => node.Offline = v, true),
                (drained, node.Drained, v => node.Drained = v, true),
                (masterCapable, node.MasterCapable, v => node.MasterCapable = v, false),
            ];
            foreach (var flag in flags)
            {
                if (flag.Wanted is not { } value || value == flag.Current)
                {
                    continue;
                }

                flag.Set(value);
                if (value == flag.Demotes)
                {
                    node.MasterCandidate = false;
                }
            }

            if (vmCapable is { } vm)
            {
                node.VmCapable = vm;
            }

            if (mc is { } candidate)
            {
                node.MasterCandidate = candidate;
            }

            var secondaryIp = ctx.Op["secondary_ip"] is JsonValue ip && ip.TryGetValue<string>(out var sip) ? sip : null;
            if (secondaryIp is not null)
            {
                node.SecondaryIp = secondaryIp;
            }

            if (ndparams is not null)
            {
                node.Ndparams = ndparams;
            }

            // A node that can be a candidate promotes itself when the pool is short.
            if (!node.Offline && !node.Drained && node.MasterCapable && !node.MasterCandidate)
            {
                var (remaining, wanted) = CandidatePool.Stats(state);
                if (remaining < wanted)
                {
                    node.MasterCandidate = true;
                }
            }
            else if (ctx.Bool("auto_promote"))
            {
                changed.AddRange(CandidatePool.Maintain(state, ctx.Now));
            }

            // Ganeti 3.0's answer: master_capable and vm_capable as given, the secondary address,
            // then each role flag that changed (master_candidate, drained, offline) with its new value.
            static JsonArray Pair(string key, bool value) => new(key, value ? "True" : "False");
            if (masterCapable is { } capable)
            {
                changes.Add(Pair("master_capable", capable));
            }

            if (vmCapable is { } vmc)
            {
                changes.Add(Pair("vm_capable", vmc));
            }

            if (secondaryIp is not null)
            {
                changes.Add(new JsonArray("secondary_ip", secondaryIp));
            }

            if (node.MasterCandidate != before.Candidate)
            {
                changes.Add(Pair("master_candidate", node.MasterCandidate));
            }

            if (node.Drained != before.Drained)
            {
                changes.Add(Pair("drained", node.Drained));
            }

            if (node.Offline != before.Offline)
            {
                changes.Add(Pair("offline", node.Offline));
            }

            node.Touch(ctx.Now);
            ctx.Store.SaveObjects(changed);
        }

        return changes;
    }
}
