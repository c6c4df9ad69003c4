using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_ACTIVATE_DISKS: the primary node must be online; marks the disks active and
/// answers, per disk, the primary node, the disk's <c>iv_name</c> and its device path.
/// </summary>
public sealed class InstanceActivateDisksExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
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
            if (!instance.DisksActive)
            {
                instance.DisksActiveFlag = true;
                instance.Touch(ctx.Now);
                ctx.Store.SaveObjects([instance]);
            }

            var primary = state.NodeName(instance.PrimaryNodeUuid);
            return new JsonArray([.. instance.Disks.Select((disk, index) => (JsonNode)new JsonArray(primary, $"disk/{index}", DevicePath(state, instance, disk, index)))]);
        }
    }

    /// <summary>Where the assembled disk appears on the primary node.</summary>
    internal static string DevicePath(ClusterState state, Instance instance, Disk disk, int index) => instance.DiskTemplate switch
    {
        DiskTemplate.Drbd => $"/dev/drbd{index}",
        DiskTemplate.Plain => $"/dev/{state.Cluster.VolumeGroupName}/{disk.Uuid}.disk{index}",
        DiskTemplate.File or DiskTemplate.SharedFile => $"/srv/ganeti/file-storage/{instance.Name}/{disk.Uuid}.file.disk{index}",
        _ => $"/dev/disk/by-id/{disk.Uuid}",
    };
}

/// <summary>
/// OP_INSTANCE_DEACTIVATE_DISKS: without <c>force</c> the instance must be down ("cannot
/// shutdown disks"); marks the disks inactive.
/// </summary>
public sealed class InstanceDeactivateDisksExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            if (!ctx.Bool("force"))
            {
                Lookups.CheckInstanceState(state, instance, [AdminState.Down], "cannot shutdown disks");
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
            if (instance.DisksActive)
            {
                instance.DisksActiveFlag = false;
                instance.Touch(ctx.Now);
                ctx.Store.SaveObjects([instance]);
            }
        }

        return null;
    }
}

/// <summary>
/// OP_INSTANCE_GROW_DISK: the instance's nodes must be online, the disk must exist and its
/// template be growable; <c>absolute</c> may not shrink it; LVM-based disks need the space in
/// the volume group of every node (<see cref="NodeCapacity.FreeDisk"/>).
/// </summary>
public sealed class InstanceGrowDiskExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var index = (int)Query.JsonNumbers.Int64(ctx.Op["disk"]);
        var amount = Query.JsonNumbers.Int64(ctx.Op["amount"]);
        long target;
        long grown;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            var nodes = new[] { instance.PrimaryNodeUuid }.Concat(instance.SecondaryNodeUuids).Select(uuid => state.Nodes[uuid]).ToList();
            nodes.ForEach(n => Lookups.CheckNodeOnline(n));
            var disk = FindDisk(instance, index);
            if (instance.DiskTemplate is DiskTemplate.Diskless or DiskTemplate.BlockDev)
            {
                throw SimError.Prereq($"Instance's disk layout {Wire(instance.DiskTemplate)} does not support growing", ErrorCode.Invalid);
            }

            long delta;
            if (ctx.Bool("absolute"))
            {
                target = amount;
                delta = target - disk.Size;
                if (delta < 0)
                {
                    throw SimError.Prereq($"Requested size ({FormatUnit(target)}) is smaller than current disk size ({FormatUnit(disk.Size)})", ErrorCode.State);
                }
            }
            else
            {
                delta = amount;
                target = disk.Size + delta;
            }

            grown = delta;

            if (NodeCapacity.UsesVolumeGroup(instance.DiskTemplate))
            {
                foreach (var node in nodes)
                {
                    var free = NodeCapacity.FreeDisk(state, node);
                    if (delta > free)
                    {
                        throw SimError.Prereq(
                            string.Create(CultureInfo.InvariantCulture, $"Not enough disk space on target node {node.Name} vg {state.Cluster.VolumeGroupName}: required {delta} MiB, available {free} MiB"),
                            ErrorCode.NoResources);
                    }
                }
            }

            if (!ctx.DryRun)
            {
                ctx.Log($"Growing disk {index} of instance '{instance.Name}' by {FormatUnit(delta)} to {FormatUnit(target)}");
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        // The time grows with the space added, as for a creation.
        await ctx.DelayAsync(1 + (InstanceCreateExecutor.DurationPerGib * grown / 1024.0), ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var instance = state.Instances[ctx.Op["instance_uuid"]!.GetValue<string>()];
            instance.Disks[index].Size = target;
            instance.Touch(ctx.Now);
            ctx.Store.SaveObjects([instance]);
        }

        return null;
    }

    /// <summary>Ganeti's <c>Instance.FindDisk</c>, with its message (and its typo and unclosed parenthesis).</summary>
    internal static Disk FindDisk(Instance instance, int index) =>
        index >= 0 && index < instance.Disks.Count
            ? instance.Disks[index]
            : throw SimError.Prereq(string.Create(CultureInfo.InvariantCulture, $"Invalid disk index: {index} (instace has disks 0 to {instance.Disks.Count - 1}"), ErrorCode.Invalid);

    /// <summary>Ganeti's <c>utils.FormatUnit(value, "h")</c> of a size in MiB.</summary>
    internal static string FormatUnit(long mebibytes) => mebibytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{mebibytes}M"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{mebibytes / 1024.0:0.0}G"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{mebibytes / 1024.0 / 1024.0:0.0}T"),
    };

    private static string Wire(DiskTemplate template) => Domain.Common.WireNames<DiskTemplate>.ToWire(template);
}

/// <summary>
/// OP_INSTANCE_RECREATE_DISKS: recreates all or some disks (with new <c>size</c>, <c>mode</c>
/// or <c>spindles</c>), optionally on other nodes (<c>nodes</c>, one per node of the instance,
/// or an iallocator); the instance must not be running and must have disks.
/// </summary>
public sealed class InstanceRecreateDisksExecutor : IOpExecutor
{
    private static readonly string[] Modifiable = ["size", "mode", "spindles"];

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var changes = Changes(ctx.Op["disks"]);
        var duplicates = changes.GroupBy(c => c.Index).Where(g => g.Count() > 1).Select(g => g.Key.ToString(CultureInfo.InvariantCulture)).ToList();
        if (duplicates.Count > 0)
        {
            throw SimError.Prereq($"Some disks have been specified more than once: {PythonText.CommaJoin(duplicates)}", ErrorCode.Invalid);
        }

        var nodeNames = ctx.StringList("nodes", nonEmpty: true);
        var iallocator = ctx.String("iallocator");
        if (iallocator is not null && nodeNames.Count > 0)
        {
            throw SimError.Prereq("Do not specify both, iallocator and node", ErrorCode.Invalid);
        }

        foreach (var (index, parameters) in changes)
        {
            ParameterTypes.Force(parameters, ParameterTypes.InstanceDisk);
            var unsupported = parameters.Select(p => p.Key).Where(k => !Modifiable.Contains(k)).ToList();
            if (unsupported.Count > 0)
            {
                throw SimError.Prereq($"Parameters for disk {index} try to change unmodifyable parameter(s): {PythonText.CommaJoin(unsupported)}", ErrorCode.Invalid);
            }
        }

        List<string>? newNodes = null;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            var current = new[] { instance.PrimaryNodeUuid }.Concat(instance.SecondaryNodeUuids).ToList();
            if (nodeNames.Count > 0)
            {
                newNodes = [.. nodeNames.Select(n => Lookups.Node(state, n).Uuid)];
                if (newNodes.Count != current.Count)
                {
                    throw SimError.Prereq($"Instance {instance.Name} currently has {current.Count} nodes, but {newNodes.Count} replacement nodes were specified", ErrorCode.Invalid);
                }

                ctx.Op["nodes"] = new JsonArray([.. newNodes.Select(uuid => (JsonNode)state.NodeName(uuid))]);
            }

            if (iallocator is null)
            {
                Lookups.CheckNodeOnline(state.Nodes[newNodes?[0] ?? instance.PrimaryNodeUuid]);
            }

            if (instance.Disks.Count == 0)
            {
                throw SimError.Prereq($"Instance '{ctx.String("instance_name")}' has no disks", ErrorCode.Invalid);
            }

            if (!((iallocator is not null || newNodes is not null) && state.Nodes[instance.PrimaryNodeUuid].Offline))
            {
                Lookups.CheckInstanceState(state, instance, [AdminState.Down, AdminState.Offline], "cannot recreate disks");
            }

            var wanted = changes.Count > 0 ? changes.Select(c => c.Index).ToList() : [.. Enumerable.Range(0, instance.Disks.Count)];
            if (wanted.Max() >= instance.Disks.Count)
            {
                throw SimError.Prereq($"Invalid disk index '{wanted.Max()}'", ErrorCode.Invalid);
            }

            if ((newNodes is not null || iallocator is not null) && wanted.Order().ToList() is var sorted && !sorted.SequenceEqual(Enumerable.Range(0, instance.Disks.Count)))
            {
                throw SimError.Prereq("Can't recreate disks partially and change the nodes at the same time", ErrorCode.Invalid);
            }

            if (iallocator is not null)
            {
                newNodes = RecreationPlacement.Nodes(ctx, iallocator, instance);

                ctx.Log($" - INFO: Selected nodes for instance {instance.Name} via iallocator {iallocator}: {PythonText.CommaJoin(newNodes.Select(state.NodeName))}");
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
            foreach (var (index, parameters) in changes)
            {
                var disk = instance.Disks[index];
                if (parameters["size"] is { } size)
                {
                    disk.Size = Query.JsonNumbers.Int64(size);
                }

                if (parameters["mode"] is { } mode)
                {
                    disk.Mode = mode.GetValue<string>();
                }

                if (parameters["spindles"] is { } spindles)
                {
                    disk.Spindles = (int)Query.JsonNumbers.Int64(spindles);
                }
            }

            if (newNodes is not null)
            {
                instance.PrimaryNodeUuid = newNodes[0];
                instance.SecondaryNodeUuids = [.. newNodes.Skip(1)];
            }

            instance.Touch(ctx.Now);
            ctx.Store.SaveObjects([instance]);
        }

        return null;
    }

    /// <summary>The <c>disks</c> list as (index, parameters): plain indices (sorted, made unique, as Ganeti normalizes them) or <c>[index, {params}]</c> pairs.</summary>
    private static List<(int Index, JsonObject Parameters)> Changes(JsonNode? disks)
    {
        if (disks is not JsonArray { Count: > 0 } list)
        {
            return [];
        }

        if (list[0] is JsonValue first && first.GetValueKind() == JsonValueKind.Number)
        {
            return [.. list.Select(n => (int)Query.JsonNumbers.Int64(n)).Distinct().Order().Select(i => (i, new JsonObject()))];
        }

        return [.. list.Select(n => ((int)Query.JsonNumbers.Int64(n![0]), (JsonObject)n[1]!.DeepClone()))];
    }
}

/// <summary>
/// OP_INSTANCE_REINSTALL: the primary node must be online, the instance must have disks and
/// be down. Sets the OS when one is given and, as Ganeti does, replaces the OS parameters with
/// the given ones (none given: none kept); an OS the nodes do not have fails the install step.
/// </summary>
public sealed class InstanceReinstallExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            Lookups.CheckNodeOnline(state.Nodes[instance.PrimaryNodeUuid], "Instance primary node offline, cannot reinstall");
            if (instance.Disks.Count == 0)
            {
                throw SimError.Prereq($"Instance '{ctx.String("instance_name")}' has no disks", ErrorCode.Invalid);
            }

            Lookups.CheckInstanceState(state, instance, [AdminState.Down], "cannot reinstall");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var instance = state.Instances[ctx.Op["instance_uuid"]!.GetValue<string>()];
            if (ctx.String("os_type") is { } osType)
            {
                ctx.Log($"Changing OS scripts to '{osType}'...");
                instance.Os = osType;
            }

            instance.Osparams = ctx.Op["osparams"] is JsonObject osparams ? (JsonObject)osparams.DeepClone() : [];
            instance.Touch(ctx.Now);
            ctx.Store.SaveObjects([instance]);
            ctx.Log("Running instance OS create scripts...");
            if (!state.OperatingSystems.Any(o => o.Name == instance.Os.Split('+', 2)[0]))
            {
                var node = state.NodeName(instance.PrimaryNodeUuid);
                throw SimError.Exec($"Could not install OS for instance '{instance.Name}' on node '{node}': OS '{instance.Os}' not found on node {node}");
            }
        }

        return null;
    }
}

/// <summary>New nodes for an instance whose disks are recreated elsewhere (an <c>allocate</c> request for the instance as it is).</summary>
internal static class RecreationPlacement
{
    public static List<string> Nodes(OpContext ctx, string iallocator, Instance instance)
    {
        var state = ctx.State;
        var beFull = InstanceCreateExecutor.FullBeparams(state, (JsonObject)instance.Beparams.DeepClone());
        var request = new Iallocation.NewInstanceRequest(
            instance.Name, instance.DiskTemplate, null, [.. instance.Tags], instance.Os, JsonNumbers.Int64(beFull["vcpus"]), JsonNumbers.Int64(beFull["maxmem"]),
            JsonNumbers.Int64(beFull["spindle_use"]), [.. instance.Disks.Select(d => (d.Size, d.Mode))], [], instance.Hypervisor);
        var placed = Iallocators.PlaceNew(ctx, iallocator, request);
        if (placed is { Error: { } reason })
        {
            throw SimError.Prereq($"Can't compute nodes using iallocator '{iallocator}': {reason}", ErrorCode.NoResources);
        }

        if (placed is { Primary: { } hailPrimary })
        {
            return [hailPrimary.Uuid, .. placed.Secondary is { } s ? [s.Uuid] : Array.Empty<string>()];
        }

        var primary = Allocator.PickPrimary(state, instance, exclude: string.Empty)
            ?? throw SimError.Prereq($"Can't compute nodes using iallocator '{iallocator}': no suitable node for instance {instance.Name}", ErrorCode.NoResources);
        List<string> nodes = [primary.Uuid];
        if (instance.DiskTemplate.IsInternallyMirrored())
        {
            var secondary = Allocator.PickSecondary(state, instance, exclude: [primary.Uuid])
                ?? throw SimError.Prereq($"Can't compute nodes using iallocator '{iallocator}': no suitable node for instance {instance.Name}", ErrorCode.NoResources);
            nodes.Add(secondary.Uuid);
        }

        return nodes;
    }
}
