using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Storage;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_NODE_MODIFY_STORAGE as LUNodeModifyStorage: only physical volumes (<c>lvm-pv</c>) can
/// be modified, and only their <c>allocatable</c> flag; the storage type must be enabled; the
/// node then changes the unit (<see cref="StorageModel.SetAllocatable"/>) or fails as
/// <c>pvchange</c> does.
/// </summary>
public sealed class NodeModifyStorageExecutor : IOpExecutor
{
    private const string Modifiable = "lvm-pv";

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.NodeLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var type = NodeStorageChecks.Type(ctx, "OP_NODE_MODIFY_STORAGE");
        var changes = ctx.Op["changes"] as JsonObject ?? [];
        Node node;
        lock (state.Sync)
        {
            node = Lookups.ExpandNode(ctx);
            if (type != Modifiable)
            {
                throw SimError.Prereq($"Storage units of type '{type}' can not be modified", ErrorCode.Invalid);
            }

            var diff = changes.Select(c => c.Key).Where(k => k != "allocatable").Order(StringComparer.Ordinal).ToList();
            if (diff.Count > 0)
            {
                throw SimError.Prereq(
                    $"The following fields can not be modified for storage units of type '{type}': [{string.Join(", ", diff.Select(PythonText.Quote))}]", ErrorCode.Invalid);
            }

            NodeQueryStorageExecutor.CheckStorageTypeEnabled(state.Cluster, type);
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        var name = ctx.String("name") ?? string.Empty;
        lock (state.Sync)
        {
            if (NodeStorageChecks.Unreachable(node) is { } failure)
            {
                throw SimError.Exec($"Failed to modify storage unit '{name}' on {node.Name}: {failure}");
            }

            if (changes["allocatable"] is JsonValue value && value.TryGetValue<bool>(out var allocatable))
            {
                if (!StorageModel.SetAllocatable(node, name, allocatable))
                {
                    throw SimError.Exec(
                        $"Failed to modify storage unit '{name}' on {node.Name}: Error while executing backend function: Failed to modify physical volume, pvchange output:   Failed to find physical volume \"{name}\".\n");
                }

                node.Touch(ctx.Now);
                ctx.Store.SaveObjects([node]);
            }
        }

        return null;
    }
}

/// <summary>
/// OP_REPAIR_NODE_STORAGE as LURepairNodeStorage: only volume groups (<c>lvm-vg</c>) can be
/// repaired (<c>vgreduce --removemissing</c>); the storage type must be enabled; a volume
/// group the node does not have stays inconsistent. The simulated disks are never faulty, so
/// the check of the instances' other nodes always passes.
/// </summary>
public sealed class RepairNodeStorageExecutor : IOpExecutor
{
    private const string Repairable = "lvm-vg";

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.NodeLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var type = NodeStorageChecks.Type(ctx, "OP_REPAIR_NODE_STORAGE");
        Node node;
        lock (state.Sync)
        {
            node = Lookups.ExpandNode(ctx);
            if (type != Repairable)
            {
                throw SimError.Prereq($"Storage units of type '{type}' can not be repaired", ErrorCode.Invalid);
            }

            NodeQueryStorageExecutor.CheckStorageTypeEnabled(state.Cluster, type);
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var name = ctx.String("name") ?? string.Empty;
        ctx.Log($"Repairing storage unit '{name}' on {node.Name} ...");
        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            if (NodeStorageChecks.Unreachable(node) is { } failure)
            {
                throw SimError.Exec($"Failed to repair storage unit '{name}' on {node.Name}: {failure}");
            }

            if (!StorageModel.Of(state).VolumeGroups(node).Any(vg => vg.Name == name))
            {
                var missing = $"  Volume group \"{name}\" not found\n  Cannot process volume group {name}\n";
                throw SimError.Exec(
                    $"Failed to repair storage unit '{name}' on {node.Name}: Error while executing backend function: Volume group '{name}' still not consistent, 'vgreduce' output: {PythonText.Quote(missing + "\n" + missing)}, 'vgs' output: {PythonText.Quote(missing)}");
            }
        }

        return null;
    }
}

/// <summary>What the storage opcodes check alike.</summary>
internal static class NodeStorageChecks
{
    /// <summary>The opcode's storage type, which must be one of Ganeti's.</summary>
    public static string Type(OpContext ctx, string opId)
    {
        var type = ctx.String("storage_type");
        return WireNames<StorageType>.IsKnown(type)
            ? type!
            : throw SimError.Prereq($"Parameter '{opId}.storage_type' fails validation", ErrorCode.Invalid);
    }

    /// <summary>Why a call to the node fails (Ganeti's RPC answer for an offline node), or null.</summary>
    public static string? Unreachable(Node node) => node.Offline ? "Node is marked offline" : null;
}
