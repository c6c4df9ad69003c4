using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_STARTUP and OP_INSTANCE_SHUTDOWN: offline instances are refused, the primary
/// node must be online (unless told to ignore offline nodes) and, to start, have the memory;
/// the admin state follows unless <c>no_remember</c>.
/// </summary>
public sealed class InstancePowerExecutor(bool start) : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;

        // CheckArguments: the temporary backend parameters of a startup are checked first.
        if (start && ctx.Op["beparams"] is JsonObject beparams)
        {
            ParameterTypes.Force((JsonObject)beparams.DeepClone(), ParameterTypes.Backend);
        }

        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            if (instance.AdminState == AdminState.Offline)
            {
                throw SimError.Prereq($"Instance '{instance.Name}' is marked to be offline, cannot {(start ? "start" : "shut down")} instance", ErrorCode.State);
            }

            var primary = state.Nodes[instance.PrimaryNodeUuid];
            if (!ctx.Bool("ignore_offline_nodes"))
            {
                Lookups.CheckNodeOnline(primary);
            }

            if (start && !instance.Running)
            {
                var maxmem = NodeFields.InstanceMemory(instance, NodeFields.BeDefaults(state));
                var free = NodeFields.FreeMemory(state, primary);
                if (free < maxmem)
                {
                    throw SimError.Prereq(
                        $"Not enough memory on node {primary.Name} for starting instance {instance.Name}: needed {maxmem} MiB, available {free} MiB",
                        ErrorCode.NoResources);
                }
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var instance = state.Instances[ctx.Op["instance_uuid"]!.GetValue<string>()];
            instance.Running = start;
            instance.DisksActiveFlag = null;
            var wanted = start ? AdminState.Up : AdminState.Down;
            if (!ctx.Bool("no_remember") && instance.AdminState != wanted)
            {
                instance.AdminState = wanted;
                instance.Touch(ctx.Now);
                ctx.Store.SaveObjects([instance]);
            }
        }

        return null;
    }
}
