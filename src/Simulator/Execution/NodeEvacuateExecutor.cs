using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Nodes;
using Ganeti.Simulator.Iallocation;
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
        var iallocator = Iallocators.IallocatorOrNode(ctx, "iallocator", "remote_node");
        var node = Lookups.ExpandNode(ctx);
        if (!WireNames<EvacuationMode>.TryParse(ctx.String("mode"), out var mode))
        {
            throw SimError.Prereq($"Invalid evacuation mode '{ctx.String("mode")}'", ErrorCode.Invalid);
        }

        var remoteName = ctx.String("remote_node");
        Node? remote = null;
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

        if (mode == EvacuationMode.All)
        {
            // Ganeti 3.0 refuses it whatever the instances (LUNodeEvacuate._DetermineInstances).
            throw SimError.Prereq(
                "Due to an issue with the iallocator interface it is not possible to evacuate all instances at once; specify explicitly whether to evacuate primary or secondary instances",
                ErrorCode.Invalid);
        }

        var affected = state.Instances.Values
            .Where(i => mode == EvacuationMode.PrimaryOnly ? i.PrimaryNodeUuid == node.Uuid : i.SecondaryNodeUuids.Contains(node.Uuid))
            .Select(i => i.Name).Order(NiceSort.Instance).ToList();
        if (affected.Count == 0)
        {
            ctx.Log($" - INFO: No instances to evacuate from node '{node.Name}'");
            return [];
        }

        ctx.Log($" - INFO: Evacuating instances from node '{node.Name}': {PythonText.CommaJoin(affected)}");
        if (remote is not null && affected.Select(n => Lookups.Instance(state, n)).FirstOrDefault(i => i.PrimaryNodeUuid == remote.Uuid) is { } onRemote)
        {
            throw SimError.Prereq($"Node {remote.Name} is the primary node of instance {onRemote.Name}, cannot use it as secondary", ErrorCode.Invalid);
        }

        if (ctx.DryRun)
        {
            // Ganeti stops a dry run after its checks, before it asks the iallocator.
            return [];
        }

        if (iallocator is not null)
        {
            var viaScript = ThroughIallocator(ctx, iallocator, affected, mode);
            if (viaScript is not null)
            {
                return viaScript;
            }
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

        return jobs;
    }

    /// <summary>
    /// Asks the iallocator script for a <c>node-evacuate</c> plan and turns its answer into jobs as
    /// Ganeti's <c>LoadNodeEvacResult</c> does; null when the script gives no answer (the caller
    /// then plans with the built-in allocator).
    /// </summary>
    private static List<JsonArray>? ThroughIallocator(OpContext ctx, string name, List<string> instances, EvacuationMode mode)
    {
        var extra = ctx.Bool("ignore_soft_errors") ? new Dictionary<string, string?> { ["ignore-soft-errors"] = null } : null;
        var answer = Iallocators.Ask(ctx, name, IallocatorInput.NodeEvacuate(ctx.State, instances, WireNames<EvacuationMode>.ToWire(mode)), extra);
        if (answer is null)
        {
            return null;
        }

        if (!answer.Success)
        {
            throw SimError.Prereq($"Can't compute node evacuation using iallocator '{name}': {answer.Info}", ErrorCode.NoResources);
        }

        if (answer.Result is not JsonArray { Count: 3 } result
            || result[0] is not JsonArray moved || result[1] is not JsonArray failed || result[2] is not JsonArray planned
            || !planned.All(job => job is JsonArray ops && ops.All(op => op is JsonObject o && o["OP_ID"] is JsonValue)))
        {
            ctx.Log($" - WARNING: iallocator '{name}' answered an invalid node evacuation plan; using the simulator's built-in placement");
            return null;
        }

        if (failed.Count > 0)
        {
            var reasons = PythonText.CommaJoin(failed.Select(f => $"{Text(f, 0)} ({Text(f, 1)})"));
            ctx.Log($" - WARNING: Unable to evacuate instances {reasons}");
            throw SimError.Exec($"Unable to evacuate instances {reasons}");
        }

        if (moved.Count > 0)
        {
            ctx.Log(" - INFO: Instances to be moved: " + PythonText.CommaJoin(moved.Select(m =>
                $"{Text(m, 0)} (to {PythonText.CommaJoin((m as JsonArray)?[2] is JsonArray nodes ? nodes.Select(n => n?.ToString() ?? string.Empty) : [])})")));
        }

        var earlyRelease = ctx.Bool("early_release");
        return [.. planned.Select(job => new JsonArray([.. job!.AsArray().Select(op =>
        {
            var copy = op!.DeepClone().AsObject();
            if (copy.ContainsKey("early_release"))
            {
                copy["early_release"] = earlyRelease;
            }

            return (JsonNode)copy;
        })]))];
    }

    private static string Text(JsonNode? pair, int index) => (pair as JsonArray)?[index]?.ToString() ?? string.Empty;

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
