using Ganeti.Domain.Instances;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.State;

/// <summary>
/// The free space of a node's volume group, which creating and growing LVM-based disks is
/// checked against. Space is charged by the disks themselves: an instance's disk sizes count
/// as used on its primary node, and on its secondaries when they are mirrored.
/// </summary>
public static class VolumeGroupSpace
{
    /// <summary>The templates whose disks take space from the nodes' volume group.</summary>
    public static bool UsesVolumeGroup(DiskTemplate template) => template is DiskTemplate.Plain or DiskTemplate.Drbd;

    /// <summary>The free space of the cluster's volume group on the node, as the storage model has it.</summary>
    public static long Free(ClusterState state, Node node) => StorageModel.Of(state).FreeSpaceFor(node, DiskTemplate.Plain) ?? 0;
}
