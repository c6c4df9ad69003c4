using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_NODE_EVACUATE: plans how to move instances off a node and submits one job per
/// instance (failover or migrate for primaries, replace-disks for secondaries). The result
/// lists the jobs: <c>{"jobs": [[true, id], …]}</c>.
/// </summary>
public sealed class NodeEvacuateExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.NodeLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        List<JsonArray> jobs;
        lock (ctx.State.Sync)
        {
            jobs = Plan(ctx);
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        return new JsonObject { ["jobs"] = ctx.SubmitJobs(jobs) };
    }

    private static List<JsonArray> Plan(OpContext ctx)
    {
        var state = ctx.State;
        var node = Lookups.ExpandNode(ctx);
        if (!WireNames<EvacuationMode>.TryParse(ctx.String("mode"), out var mode))
        {
            throw SimError.Prereq($"Invalid evacuation mode '{ctx.String("mode")}'", ErrorCode.Invalid);
        }

        var remoteName = ctx.String("remote_node");
        var iallocator = ctx.String("iallocator");
        Node? remote = null;
        if (remoteName is not null && iallocator is not null)
        {
            throw SimError.Prereq("Do not specify both, iallocator and node", ErrorCode.Invalid);
        }

        if (remoteName is not null)
        {
            remote = Lookups.Node(state, remoteName);
            ctx.Op["remote_node_uuid"] = remote.Uuid;
            if (remote.Uuid == node.Uuid)
            {
                throw SimError.Prereq("Can not use evacuated node as a new secondary node", ErrorCode.Invalid);
            }

            if (mode != EvacuationMode.SecondaryOnly)
            {
                throw SimError.Prereq("Without the use of an iallocator only secondary instances can be evacuated", ErrorCode.Invalid);
            }
        }
        else if (iallocator is null && state.Cluster.Parameters["default_iallocator"]?.GetValue<string>() is not { Length: > 0 })
        {
            throw SimError.Prereq("No iallocator or node given and no cluster-wide default iallocator found; please specify either an iallocator or a node, or set a cluster-wide default iallocator", ErrorCode.Invalid);
        }

        if (mode == EvacuationMode.All)
        {
            // Ganeti 3.0 refuses it whatever the instances (LUNodeEvacuate._DetermineInstances).
            throw SimError.Prereq(
                "Due to an issue with the iallocator interface it is not possible to evacuate all instances at once; specify explicitly whether to evacuate primary or secondary instances",
                ErrorCode.Invalid);
        }

        var jobs = new List<JsonArray>();
        var failures = new List<string>();
        var byName = state.Instances.Values.OrderBy(i => i.Name, NiceSort.Instance).ToList();
        if (mode is EvacuationMode.PrimaryOnly or EvacuationMode.All)
        {
            foreach (var instance in byName.Where(i => i.PrimaryNodeUuid == node.Uuid))
            {
                var ops = PrimaryMove(state, instance, node, mode == EvacuationMode.All, failures);
                if (ops is not null)
                {
                    jobs.Add(ops);
                }
            }
        }

        if (mode is EvacuationMode.SecondaryOnly or EvacuationMode.All)
        {
            foreach (var instance in byName.Where(i => i.SecondaryNodeUuids.Contains(node.Uuid)))
            {
                var target = remote ?? Allocator.PickSecondary(state, instance, exclude: [node.Uuid]);
                if (target is null || target.Uuid == instance.PrimaryNodeUuid)
                {
                    failures.Add($"{instance.Name} (no suitable new secondary node)");
                    continue;
                }

                jobs.Add([ReplaceSecondary(instance.Name, target.Name, ctx.Bool("early_release"))]);
            }
        }

        if (failures.Count > 0)
        {
            throw SimError.Prereq("Unable to evacuate instances " + string.Join(", ", failures), ErrorCode.Invalid);
        }

        ctx.Log($"Evacuating {jobs.Count} instance(s) from node {node.Name}");
        return jobs;
    }

    private static JsonArray? PrimaryMove(ClusterState state, Instance instance, Node node, bool alsoSecondary, List<string> failures)
    {
        var opId = instance.Running ? "OP_INSTANCE_MIGRATE" : "OP_INSTANCE_FAILOVER";
        if (instance.DiskTemplate.IsInternallyMirrored())
        {
            var move = new JsonObject { ["OP_ID"] = opId, ["instance_name"] = instance.Name };
            if (!alsoSecondary)
            {
                return [move];
            }

            var newSecondary = Allocator.PickSecondary(state, instance, exclude: [node.Uuid, .. instance.SecondaryNodeUuids]);
            if (newSecondary is null)
            {
                failures.Add($"{instance.Name} (no suitable new secondary node)");
                return null;
            }

            return [move, ReplaceSecondary(instance.Name, newSecondary.Name, earlyRelease: false)];
        }

        if (instance.DiskTemplate == DiskTemplate.Diskless || instance.DiskTemplate.IsExternallyMirrored())
        {
            var target = Allocator.PickPrimary(state, instance, exclude: node.Uuid);
            if (target is null)
            {
                failures.Add($"{instance.Name} (no suitable target node)");
                return null;
            }

            return [new JsonObject { ["OP_ID"] = opId, ["instance_name"] = instance.Name, ["target_node"] = target.Name }];
        }

        failures.Add($"{instance.Name} (disk template '{WireNames<DiskTemplate>.ToWire(instance.DiskTemplate)}' can not be moved)");
        return null;
    }

    private static JsonObject ReplaceSecondary(string instance, string node, bool earlyRelease) => new()
    {
        ["OP_ID"] = "OP_INSTANCE_REPLACE_DISKS",
        ["instance_name"] = instance,
        ["mode"] = "replace_new_secondary",
        ["remote_node"] = node,
        ["early_release"] = earlyRelease,
    };
}
