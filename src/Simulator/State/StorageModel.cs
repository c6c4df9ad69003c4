using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;

namespace Ganeti.Simulator.State;

/// <summary>A storage unit as a node reports it; sizes in MiB.</summary>
public sealed record StorageUnit(string Name, long Size, long Used, long Free, bool Allocatable);

/// <summary>
/// What the storage of the simulated nodes holds (sizes in MiB), worked out from the cluster
/// state in one pass over the instances. Instances take space by being in the state: an
/// executor that creates, moves, grows or removes disks changes what every report shows,
/// with nothing to charge or give back. Before it places disks it asks
/// <see cref="FreeSpaceFor"/> (what Ganeti checks) or <see cref="AllocatableFree"/> (what
/// LVM could really allocate), with <see cref="SpaceOnNode"/> per disk.
/// <list type="bullet">
/// <item>LVM: plain disks are in the cluster's volume group on their primary node, DRBD disks
/// (each with <see cref="DrbdMetadataSize"/> of metadata) on the primary and the secondary; a
/// volume group's use fills its physical volumes in their order.</item>
/// <item>Files: file disks are in the cluster's file storage directory on their primary
/// node; shared-file and Gluster disks in their directories, seen from every node. The three
/// directories share the node's file system.</item>
/// </list>
/// Callers hold <see cref="ClusterState.Sync"/>; a model reflects the state it was made from.
/// </summary>
public sealed class StorageModel
{
    /// <summary>Ganeti's DRBD_META_SIZE: the metadata volume beside each DRBD disk.</summary>
    public const long DrbdMetadataSize = 128;

    private static readonly Dictionary<string, string> DirectoryParameters = new(StringComparer.Ordinal)
    {
        ["file"] = "file_storage_dir",
        ["sharedfile"] = "shared_file_storage_dir",
        ["gluster"] = "gluster_storage_dir",
    };

    private readonly ClusterState _state;
    private readonly Dictionary<string, Dictionary<string, long>> _volumeGroupUse = [];
    private readonly Dictionary<string, long> _fileUse = [];
    private readonly Dictionary<string, long> _sharedUse = new(StringComparer.Ordinal);

    private StorageModel(ClusterState state) => _state = state;

    /// <summary>The storage of every node of <paramref name="state"/> with what its instances use.</summary>
    public static StorageModel Of(ClusterState state)
    {
        var model = new StorageModel(state);
        var volumeGroup = state.Cluster.VolumeGroupName;
        foreach (var instance in state.Instances.Values)
        {
            var size = instance.Disks.Sum(d => SpaceOnNode(instance.DiskTemplate, d.Size));
            switch (instance.DiskTemplate)
            {
                case DiskTemplate.Plain when volumeGroup is not null:
                    model.AddVolumeGroupUse(instance.PrimaryNodeUuid, volumeGroup, size);
                    break;
                case DiskTemplate.Drbd when volumeGroup is not null:
                    foreach (var node in instance.SecondaryNodeUuids.Prepend(instance.PrimaryNodeUuid))
                    {
                        model.AddVolumeGroupUse(node, volumeGroup, size);
                    }

                    break;
                case DiskTemplate.File:
                    model._fileUse[instance.PrimaryNodeUuid] = model._fileUse.GetValueOrDefault(instance.PrimaryNodeUuid) + size;
                    break;
                case DiskTemplate.SharedFile or DiskTemplate.Gluster:
                    var type = WireNames<DiskTemplate>.ToWire(instance.DiskTemplate);
                    model._sharedUse[type] = model._sharedUse.GetValueOrDefault(type) + size;
                    break;
            }
        }

        return model;
    }

    /// <summary>The node's storage as configured, or the one disk of its <see cref="Node.DiskTotal"/>.</summary>
    public static NodeStorage LayoutOf(Node node) => node.Storage ?? NodeStorage.OneDisk(node.DiskTotal);

    /// <summary>The space a disk of <paramref name="size"/> MiB takes on each node that holds it.</summary>
    public static long SpaceOnNode(DiskTemplate template, long size) => template switch
    {
        DiskTemplate.Diskless or DiskTemplate.BlockDev or DiskTemplate.Rbd or DiskTemplate.Ext => 0,
        DiskTemplate.Drbd => size + DrbdMetadataSize,
        _ => size,
    };

    /// <summary>
    /// Sets the allocatable flag of a physical volume (<c>pvchange --allocatable</c>), keeping
    /// the node's layout from then on; false when the node has no such volume.
    /// </summary>
    public static bool SetAllocatable(Node node, string physicalVolume, bool allocatable)
    {
        var layout = LayoutOf(node).Copy();
        var volume = layout.PhysicalVolumes.FirstOrDefault(pv => pv.Name == physicalVolume);
        if (volume is null)
        {
            return false;
        }

        volume.Allocatable = allocatable;
        node.Storage = layout;
        return true;
    }

    /// <summary>The cluster's directory of a file storage type (<c>file</c>, <c>sharedfile</c>, <c>gluster</c>); null for other types.</summary>
    public string? Directory(string storageType) =>
        DirectoryParameters.TryGetValue(storageType, out var parameter) ? _state.Cluster.Parameters[parameter]?.GetValue<string>() ?? string.Empty : null;

    /// <summary>The node's physical volumes: size, what the volume group's use fills of each, free, and the allocatable flag.</summary>
    public IReadOnlyList<StorageUnit> PhysicalVolumes(Node node)
    {
        var remaining = new Dictionary<string, long>(StringComparer.Ordinal);
        var units = new List<StorageUnit>();
        foreach (var pv in LayoutOf(node).PhysicalVolumes)
        {
            var group = GroupOf(pv);
            if (group is not null && !remaining.ContainsKey(group))
            {
                remaining[group] = Use(node, group);
            }

            var used = group is null ? 0 : Math.Min(pv.Size, remaining[group]);
            if (group is not null)
            {
                remaining[group] -= used;
            }

            units.Add(new StorageUnit(pv.Name, pv.Size, used, pv.Size - used, pv.Allocatable));
        }

        return units;
    }

    /// <summary>The node's volume groups, in the order of their first physical volume; a volume group is always allocatable.</summary>
    public IReadOnlyList<StorageUnit> VolumeGroups(Node node) =>
        [.. LayoutOf(node).PhysicalVolumes
            .Select(pv => (Group: GroupOf(pv), pv.Size))
            .Where(pv => pv.Group is not null)
            .GroupBy(pv => pv.Group!, StringComparer.Ordinal)
            .Select(g =>
            {
                var size = g.Sum(pv => pv.Size);
                var used = Use(node, g.Key);
                return new StorageUnit(g.Key, size, used, size - used, true);
            })];

    /// <summary>The cluster's directory of a file storage type on the node: the file system's size and free space, and what the disks in it take.</summary>
    public StorageUnit? FileDirectory(Node node, string storageType)
    {
        if (Directory(storageType) is not { } path)
        {
            return null;
        }

        var size = LayoutOf(node).FileSystemSize;
        var used = storageType == "file" ? _fileUse.GetValueOrDefault(node.Uuid) : _sharedUse.GetValueOrDefault(storageType);
        var free = size - _fileUse.GetValueOrDefault(node.Uuid) - _sharedUse.Values.Sum();
        return new StorageUnit(path, size, used, free, true);
    }

    /// <summary>
    /// The unit a node's <c>dtotal</c> and <c>dfree</c> describe: that of the first enabled
    /// disk template with a default storage unit (the volume group for DRBD and plain, the file
    /// storage directory for file); null when there is none or the node lacks it.
    /// </summary>
    public StorageUnit? DefaultUnit(Node node)
    {
        foreach (var template in _state.Cluster.EnabledDiskTemplates)
        {
            switch (template)
            {
                case "drbd" or "plain" when _state.Cluster.VolumeGroupName is { } group:
                    return VolumeGroups(node).FirstOrDefault(u => u.Name == group);
                case "file":
                    return FileDirectory(node, "file");
            }
        }

        return null;
    }

    /// <summary>
    /// The free space Ganeti checks before it places disks of <paramref name="template"/> on
    /// the node: the volume group's free space (as <c>vgs</c> reports it) for LVM, the file
    /// system's for the file types; null where Ganeti checks none.
    /// </summary>
    public long? FreeSpaceFor(Node node, DiskTemplate template) => template switch
    {
        DiskTemplate.Plain or DiskTemplate.Drbd => _state.Cluster.VolumeGroupName is { } group
            ? VolumeGroups(node).FirstOrDefault(u => u.Name == group)?.Free ?? 0
            : 0,
        DiskTemplate.File or DiskTemplate.SharedFile or DiskTemplate.Gluster => FileDirectory(node, WireNames<DiskTemplate>.ToWire(template))!.Free,
        _ => null,
    };

    /// <summary>What LVM could allocate in a volume group of the node: the free space of its allocatable physical volumes.</summary>
    public long AllocatableFree(Node node, string volumeGroup)
    {
        var layout = LayoutOf(node).PhysicalVolumes;
        return PhysicalVolumes(node).Zip(layout).Where(p => p.First.Allocatable && GroupOf(p.Second) == volumeGroup).Sum(p => p.First.Free);
    }

    private string? GroupOf(PhysicalVolume pv) => pv.VolumeGroup ?? _state.Cluster.VolumeGroupName;

    private long Use(Node node, string group) =>
        _volumeGroupUse.TryGetValue(node.Uuid, out var groups) ? groups.GetValueOrDefault(group) : 0;

    private void AddVolumeGroupUse(string node, string group, long size)
    {
        if (!_volumeGroupUse.TryGetValue(node, out var groups))
        {
            groups = new Dictionary<string, long>(StringComparer.Ordinal);
            _volumeGroupUse[node] = groups;
        }

        groups[group] = groups.GetValueOrDefault(group) + size;
    }
}
