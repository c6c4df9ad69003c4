using System.Text.Json.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_CLUSTER_REDIST_CONF (<c>gnt-cluster redist-conf</c>, RAPI's
/// <c>PUT /2/redistribute-config</c>): Ganeti's LUClusterRedistConf saves the cluster object
/// (its serial number and modification time change), then copies the configuration and the
/// ancillary files to every node, which takes the operation's simulated time here. It locks
/// every node (shared in Ganeti; the simulator's locks are exclusive) and answers null.
/// </summary>
public sealed class ClusterRedistConfExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => ["nodes", .. state.Nodes.Values.Select(n => "node/" + n.Name)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        if (ctx.DryRun)
        {
            return null;
        }

        lock (ctx.State.Sync)
        {
            ctx.State.Cluster.Touch(ctx.Now);
            ctx.Store.SaveObjects([ctx.State.Cluster]);
        }

        // Copying the files to the nodes.
        await ctx.DelayAsync(ct).ConfigureAwait(false);
        return null;
    }
}
