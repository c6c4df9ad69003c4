using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_REMOVE: shuts the instance down and removes it with its disks, NICs and tags;
/// its memory and disk space go back to its nodes. A primary node that is offline cannot
/// shut it down: the job fails unless <c>ignore_failures</c>, which only logs a warning.
/// </summary>
public sealed class InstanceRemoveExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state)
    {
        yield return Lookups.InstanceLock(state, op);
        var name = op["instance_name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
        if (state.FindInstance(name) is { } instance)
        {
            foreach (var uuid in instance.SecondaryNodeUuids.Prepend(instance.PrimaryNodeUuid))
            {
                yield return "node/" + state.NodeName(uuid);
            }
        }
    }

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        lock (state.Sync)
        {
            Lookups.ExpandInstance(ctx);
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var instance = state.Instances[ctx.Op["instance_uuid"]!.GetValue<string>()];
            var primary = state.Nodes[instance.PrimaryNodeUuid];
            if (primary.Offline)
            {
                const string reason = "Node is marked offline";
                if (!ctx.Bool("ignore_failures"))
                {
                    throw SimError.Exec($"Could not shutdown instance {instance.Name} on node {primary.Name}: {reason}");
                }

                ctx.Log($" - WARNING: Warning: can't shutdown instance: {reason}");
            }

            instance.Running = false;
            state.Instances.Remove(instance.Uuid);
            ctx.Store.SaveObjects([], [instance]);
        }

        return null;
    }
}
