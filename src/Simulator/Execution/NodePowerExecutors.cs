using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_NODE_POWERCYCLE as LUNodePowercycle: the master only with <c>force</c>; no locks (a
/// last resort must not wait for other jobs). The node schedules the power cycle and answers
/// <c>"Reboot scheduled in 5 seconds"</c>; an offline node cannot be asked.
/// </summary>
public sealed class NodePowercycleExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        Node node;
        lock (state.Sync)
        {
            node = Lookups.ExpandNode(ctx);
            if (node.Uuid == state.Cluster.MasterNodeUuid && !ctx.Bool("force"))
            {
                throw SimError.Prereq("The node is the master and the force parameter was not set", ErrorCode.Invalid);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            if (NodeStorageChecks.Unreachable(node) is { } failure)
            {
                throw SimError.Exec($"Failed to schedule the reboot: {failure}");
            }
        }

        return "Reboot scheduled in 5 seconds";
    }
}

/// <summary>
/// OP_NODE_MIGRATE as LUNodeMigrate: submits one OP_INSTANCE_MIGRATE job per primary
/// instance of the node (in the order of their uuids, as Ganeti's configuration lists them), each carrying the node's mode, live, iallocator,
/// target node, runtime-changes and ipolicy options; the jobs then run on their own and
/// refuse what they cannot do. The result lists them: <c>{"jobs": [[true, id], …]}</c>.
/// </summary>
public sealed class NodeMigrateExecutor : IOpExecutor
{
    private static readonly string[] Passed = ["mode", "live", "iallocator", "target_node", "allow_runtime_changes", "ignore_ipolicy"];

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.NodeLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        List<JsonArray> jobs;
        lock (state.Sync)
        {
            var node = Lookups.ExpandNode(ctx);
            jobs = [.. state.Instances.Values
                .Where(i => i.PrimaryNodeUuid == node.Uuid)
                .OrderBy(i => i.Uuid, StringComparer.Ordinal)
                .Select(i =>
                {
                    var op = new JsonObject { ["OP_ID"] = "OP_INSTANCE_MIGRATE", ["instance_name"] = i.Name };
                    foreach (var key in Passed.Where(k => ctx.Op[k] is not null))
                    {
                        op[key] = ctx.Op[key]!.DeepClone();
                    }

                    return new JsonArray(op);
                })];
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        return new JsonObject { ["jobs"] = ctx.SubmitJobs(jobs) };
    }
}
