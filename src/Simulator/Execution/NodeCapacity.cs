using Ganeti.Domain.Instances;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// What a node has left for new instances, as the executors that place instances check it:
/// memory (its total, less its own OS, less the maximum memory of its running primary
/// instances) and the free space of its volume group in the storage model (<see cref="StorageModel"/>,
/// what the instances' disks leave, DRBD metadata included). Both are derived from the instances,
/// so they follow every creation, removal and move; node queries show the same numbers.
/// </summary>
public static class NodeCapacity
{
    /// <summary>The volume group name messages show when the cluster has none configured.</summary>
    private const string DefaultVolumeGroup = "xenvg";

    /// <summary>Memory free for instances on the node, in MiB.</summary>
    public static long FreeMemory(ClusterState state, Node node) => NodeFields.FreeMemory(state, node);

    /// <summary>The templates whose disks take space from the nodes' volume group.</summary>
    public static bool UsesVolumeGroup(DiskTemplate template) => template is DiskTemplate.Plain or DiskTemplate.Drbd;

    /// <summary>Disk free for LVM-based disks on the node, in MiB: its volume group's free space in the storage model.</summary>
    public static long FreeDisk(ClusterState state, Node node) => StorageModel.Of(state).FreeSpaceFor(node, DiskTemplate.Plain) ?? 0;

    /// <summary>The volume group the node's storage unit is known by.</summary>
    public static string VolumeGroup(ClusterState state) => state.Cluster.VolumeGroupName ?? DefaultVolumeGroup;

    /// <summary>
    /// The disk space new disks of a template take on each of the instance's nodes, as Ganeti
    /// counts it before creating them (<c>ComputeDiskSizePerVG</c>): the sizes, plus DRBD's
    /// metadata per disk; nothing for templates whose space Ganeti does not check (file-based, diskless).
    /// </summary>
    public static long RequiredDisk(DiskTemplate template, IEnumerable<long> sizes) => template switch
    {
        DiskTemplate.Plain => sizes.Sum(),
        DiskTemplate.Drbd => sizes.Sum(s => s + InstanceFields.DrbdMetaSize),
        _ => 0,
    };
}
