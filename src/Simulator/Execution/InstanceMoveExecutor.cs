using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_FAILOVER and OP_INSTANCE_MIGRATE: a DRBD instance swaps its primary and
/// secondary node; an instance on shared storage or without disks moves to
/// <c>target_node</c>, or where the iallocator (given, or the cluster's default) relocates it.
/// Migration needs a running instance unless failover is allowed.
/// As in Ganeti, the opcode kept in the job shows what the master settled: the target
/// node's full name and uuid, and for a migration its mode (the hypervisor's
/// <c>migration_mode</c> unless <c>live</c> or <c>mode</c> chose one).
/// </summary>
public sealed class InstanceMoveExecutor(bool migrate) : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        string target;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            var targetNode = ctx.String("target_node") is { } targetName ? Lookups.Node(state, targetName) : null;
            if (targetNode is not null)
            {
                ctx.Op["target_node"] = targetNode.Name;
                ctx.Op["target_node_uuid"] = targetNode.Uuid;
            }

            // Ganeti checks the disk layout first; a migration of an instance that is not
            // marked up and may fall back is a failover by then.
            var failover = !migrate || (instance.AdminState != AdminState.Up && ctx.Bool("allow_failover"));
            if (instance.DiskTemplate.IsInternallyMirrored())
            {
                if (instance.SecondaryNodeUuids.Count == 0)
                {
                    throw SimError.Prereq($"Instance '{instance.Name}' has no secondary node", ErrorCode.State);
                }

                target = instance.SecondaryNodeUuids[0];
            }
            else if (instance.DiskTemplate == DiskTemplate.Diskless || instance.DiskTemplate.IsExternallyMirrored())
            {
                Node node;
                if (Iallocators.IallocatorOrNode(ctx, "iallocator", "target_node") is { } iallocator)
                {
                    var primary = state.Nodes[instance.PrimaryNodeUuid];
                    node = Iallocators.Relocate(ctx, iallocator, instance, primary, () => Allocator.PickPrimary(state, instance, exclude: primary.Uuid));
                    ctx.Log($" - INFO: Selected nodes for instance {instance.Name} via iallocator {iallocator}: {node.Name}");
                }
                else
                {
                    node = targetNode!;
                }

                target = node.Uuid;
                if (target == instance.PrimaryNodeUuid)
                {
                    throw SimError.Prereq($"Cannot migrate instance {instance.Name} to its primary ({node.Name})", ErrorCode.State);
                }
            }
            else
            {
                throw SimError.Prereq(
                    $"Instance's disk layout '{Domain.Common.WireNames<DiskTemplate>.ToWire(instance.DiskTemplate)}' does not allow {(failover ? "failovers" : "migrations")}",
                    ErrorCode.State);
            }

            Lookups.CheckNodeOnline(state.Nodes[target]);
            if (migrate && !instance.Running && !ctx.Bool("allow_failover"))
            {
                throw SimError.Prereq($"Instance '{instance.Name}' is not running, can't migrate (use failover)", ErrorCode.State);
            }

            if (migrate && !failover && instance.Running)
            {
                SettleMode(ctx, instance);
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
            var old = instance.PrimaryNodeUuid;
            instance.PrimaryNodeUuid = target;
            if (instance.DiskTemplate.IsInternallyMirrored())
            {
                instance.SecondaryNodeUuids = [old];
            }

            ctx.Log($"{(migrate ? "Migrated" : "Failed over")} instance {instance.Name} to node {state.NodeName(target)}");
            instance.Touch(ctx.Now);
            ctx.Store.SaveObjects([instance]);
        }

        return null;
    }

    /// <summary>
    /// A migration's mode, written into the opcode as Ganeti's migration tasklet does: from
    /// <c>live</c> when given (which is then cleared), else the instance's hypervisor
    /// <c>migration_mode</c> (cluster, then OS, then instance parameters).
    /// </summary>
    private static void SettleMode(OpContext ctx, Instance instance)
    {
        var live = ctx.Op["live"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : (bool?)null;
        if (live is not null && ctx.String("mode") is not null)
        {
            throw SimError.Prereq("Only one of the 'live' and 'mode' parameters are accepted", ErrorCode.Invalid);
        }

        if (live is not null)
        {
            ctx.Op["mode"] = live.Value ? "live" : "non-live";
            ctx.Op["live"] = null;
        }
        else if (ctx.String("mode") is null)
        {
            var cluster = ctx.State.Cluster;
            var mode = instance.Hvparams["migration_mode"]
                ?? cluster.Defaults("os_hvp")?[instance.Os]?[instance.Hypervisor]?["migration_mode"]
                ?? cluster.Defaults("hvparams")?[instance.Hypervisor]?["migration_mode"];
            if (mode is not null)
            {
                ctx.Op["mode"] = mode.DeepClone();
            }
        }
    }
}
