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

    public static long Free(ClusterState state, Node node)
    {
        long used = 0;
        foreach (var instance in state.Instances.Values)
        {
            if (instance.PrimaryNodeUuid == node.Uuid
                || (instance.SecondaryNodeUuids.Contains(node.Uuid) && instance.DiskTemplate is not DiskTemplate.File and not DiskTemplate.Diskless))
            {
                used += InstanceFields.DiskUsage(instance);
            }
        }

        return node.DiskTotal - used;
    }
}
