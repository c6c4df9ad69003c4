using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_NODE_SET_PARAMS with Ganeti's role rules (<c>LUNodeSetParams</c>): something must change;
/// at most one of offline, master_candidate and drained may be set true; the master's flags
/// change only by master failover, and the master stays master capable; a candidate needs
/// master_capable; demoting a candidate must leave the pool as full as it can be unless
/// <c>auto_promote</c> lets other nodes fill it; a node that leaves the drained or offline state
/// (or becomes master capable) promotes itself when the pool is short. The node ends in one
/// role (candidate, drained, offline or regular). Answers the changes made.
/// </summary>
public sealed class NodeSetParamsExecutor : IOpExecutor
{
    private static readonly string[] Modifications =
        ["master_candidate", "offline", "drained", "master_capable", "vm_capable", "secondary_ip", "ndparams", "hv_state", "disk_state"];

    private enum Role
    {
        Candidate,
        Drained,
        Offline,
        Regular,
    }

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

        // Ganeti decides this from the opcode as given, before ineffective changes are dropped.
        var mightDemote = mc == false || offline == true || drained == true || masterCapable == false;
        var adjustPool = ctx.Bool("auto_promote") && mightDemote;
        Node node;
        Role oldRole, newRole;
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

            if (mc == true && !node.MasterCapable)
            {
                throw SimError.Prereq($"Node {node.Name} is not master capable, cannot make it a master candidate", ErrorCode.State);
            }

            if (vmCapable == false && state.Instances.Values.Any(i => i.PrimaryNodeUuid == node.Uuid || i.SecondaryNodeUuids.Contains(node.Uuid)))
            {
                throw SimError.Prereq($"Node {node.Name} hosts instances, cannot unset the vm_capable flag", ErrorCode.State);
            }

            if (node.MasterCandidate && mightDemote && !adjustPool)
            {
                var (remaining, wanted) = CandidatePool.Stats(state, exclude: node);
                if (remaining < wanted)
                {
                    throw SimError.Prereq("Not enough master candidates, please pass auto promote option to allow promotion (--auto-promote or RAPI auto_promote=True)", ErrorCode.State);
                }
            }

            oldRole = RoleOf(node.MasterCandidate, node.Drained, node.Offline);

            // Unsetting a flag that is not set changes nothing.
            foreach (var (name, wanted, current, drop) in new (string, bool?, bool, Action)[]
            {
                ("master_candidate", mc, node.MasterCandidate, () => mc = null),
                ("drained", drained, node.Drained, () => drained = null),
                ("offline", offline, node.Offline, () => offline = null),
            })
            {
                if (wanted == false && !current)
                {
                    ctx.Log($" - INFO: Ignoring request to unset flag {name}, already unset");
                    drop();
                }
            }

            // Leaving the drained or offline state, or becoming master capable: a candidate if the pool is short.
            if ((drained == false || offline == false || (masterCapable == true && !node.MasterCapable)) && ShouldPromoteItself(state))
            {
                mc = true;
                ctx.Log(" - INFO: Auto-promoting node to master candidate");
            }

            if (masterCapable == false && node.MasterCandidate)
            {
                if (node.Uuid == state.Cluster.MasterNodeUuid)
                {
                    throw SimError.Prereq("Master must remain master capable", ErrorCode.State);
                }

                ctx.Log(" - INFO: Demoting from master candidate");
                mc = false;
            }

            newRole = mc == true ? Role.Candidate
                : drained == true ? Role.Drained
                : offline == true ? Role.Offline
                : mc == false || drained == false || offline == false ? Role.Regular
                : oldRole;
            if (oldRole == Role.Offline && newRole != oldRole)
            {
                ctx.Log(" - WARNING: Transitioning node from offline to online state without using re-add. Please make sure the node is healthy!");
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
            if (masterCapable is { } capable)
            {
                node.MasterCapable = capable;
            }

            if (vmCapable is { } vm)
            {
                node.VmCapable = vm;
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

            // Ganeti 3.0's answer: master_capable and vm_capable as given, the secondary address,
            // then each role flag that changed (master_candidate, drained, offline) with its new value.
            static JsonArray Pair(string key, bool value) => new(key, value ? "True" : "False");
            if (masterCapable is { } mcap)
            {
                changes.Add(Pair("master_capable", mcap));
            }

            if (vmCapable is { } vmc)
            {
                changes.Add(Pair("vm_capable", vmc));
            }

            if (secondaryIp is not null)
            {
                changes.Add(new JsonArray("secondary_ip", secondaryIp));
            }

            if (newRole != oldRole)
            {
                var (was, now) = (Flags(oldRole), Flags(newRole));
                foreach (var (name, before, after) in new[] { ("master_candidate", was.Candidate, now.Candidate), ("drained", was.Drained, now.Drained), ("offline", was.Offline, now.Offline) })
                {
                    if (before != after)
                    {
                        changes.Add(Pair(name, after));
                    }
                }

                (node.MasterCandidate, node.Drained, node.Offline) = now;

                // With auto_promote, other nodes (never this one) fill the pool.
                if (adjustPool)
                {
                    var promoted = CandidatePool.Maintain(state, ctx.Now, exclude: node);
                    if (promoted.Count > 0)
                    {
                        ctx.Log($" - INFO: Promoted nodes to master candidate role: {PythonText.CommaJoin(promoted.Select(n => n.Name))}");
                        changed.AddRange(promoted);
                    }

                    var (current, desired) = CandidatePool.Stats(state, exclude: node);
                    if (current > desired)
                    {
                        ctx.Log($" - INFO: Note: more nodes are candidates ({current}) than desired ({desired})");
                    }
                }
            }

            node.Touch(ctx.Now);
            ctx.Store.SaveObjects(changed);
        }

        return changes;
    }

    private static Role RoleOf(bool candidate, bool drained, bool offline) => (candidate, drained, offline) switch
    {
        (true, false, false) => Role.Candidate,
        (false, true, false) => Role.Drained,
        (false, false, true) => Role.Offline,
        _ => Role.Regular,
    };

    private static (bool Candidate, bool Drained, bool Offline) Flags(Role role) => role switch
    {
        Role.Candidate => (true, false, false),
        Role.Drained => (false, true, false),
        Role.Offline => (false, false, true),
        _ => (false, false, false),
    };

    /// <summary>Ganeti's <c>_DecideSelfPromotion</c>: the pool, counting this node as one more possible candidate, is short.</summary>
    private static bool ShouldPromoteItself(ClusterState state)
    {
        var (current, desired) = CandidatePool.Stats(state);
        return current < Math.Min(desired + 1, CandidatePool.Size(state));
    }
}
