using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_REBOOT: refuses offline instances and offline primary nodes; a stopped
/// instance is started; afterwards the instance is marked up.
/// </summary>
public sealed class InstanceRebootExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            if (instance.AdminState == AdminState.Offline)
            {
                throw SimError.Prereq($"Instance '{instance.Name}' is marked to be offline", ErrorCode.State);
            }

            Lookups.CheckNodeOnline(state.Nodes[instance.PrimaryNodeUuid]);
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var instance = state.Instances[ctx.Op["instance_uuid"]!.GetValue<string>()];
            if (!instance.Running)
            {
                ctx.Log($"Instance {instance.Name} was already stopped, starting now");
            }

            instance.Running = true;
            if (instance.AdminState != AdminState.Up)
            {
                instance.AdminState = AdminState.Up;
                instance.Touch(ctx.Now);
                ctx.Store.SaveObjects([instance]);
            }
        }

        return null;
    }
}
