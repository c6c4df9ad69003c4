using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_RENAME (<c>LUInstanceRename</c>): the new name must be free and the instance
/// stopped (admin state down or offline, not running), its primary node online; answers the
/// new name. With <c>name_check</c> the new name resolves to itself (the simulator has no resolver).
/// </summary>
public sealed class InstanceRenameExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state)
    {
        yield return Lookups.InstanceLock(state, op);
        if (op["new_name"] is JsonValue v && v.TryGetValue<string>(out var newName))
        {
            yield return "instance/" + newName;
        }
    }

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var newName = ctx.String("new_name") ?? string.Empty;
        if (ctx.Bool("ip_check") && !ctx.Bool("name_check"))
        {
            throw SimError.Prereq("IP address check requires a name check", ErrorCode.Invalid);
        }

        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            if (newName != instance.Name && state.Instances.Values.Any(i => i.Name == newName))
            {
                throw SimError.Prereq($"Instance '{newName}' is already in the cluster", ErrorCode.Exists);
            }

            var template = WireNames<DiskTemplate>.ToWire(instance.DiskTemplate);
            if (instance.DiskTemplate is DiskTemplate.File or DiskTemplate.SharedFile && newName != instance.Name
                && !state.Cluster.EnabledDiskTemplates.Contains(template))
            {
                throw SimError.Prereq($"Disk template '{template}' is not enabled in cluster. Enabled disk templates are: {string.Join(',', state.Cluster.EnabledDiskTemplates)}");
            }

            Lookups.CheckNodeOnline(state.Nodes[instance.PrimaryNodeUuid]);
            if (instance.AdminState == AdminState.Up)
            {
                throw SimError.Prereq($"Instance '{instance.Name}' is marked to be up, cannot rename", ErrorCode.State);
            }

            if (instance.Running)
            {
                throw SimError.Prereq($"Instance {instance.Name} is running, cannot rename", ErrorCode.State);
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
            if (newName != instance.Name && state.Instances.Values.Any(i => i.Name == newName))
            {
                throw SimError.Prereq($"Instance '{newName}' is already in the cluster", ErrorCode.Exists);
            }

            instance.Name = newName;
            instance.Touch(ctx.Now);
            ctx.Store.SaveObjects([instance]);
        }

        return newName;
    }
}
