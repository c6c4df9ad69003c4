using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>A small stand-in for the hail allocator: the least loaded usable node of the right group.</summary>
internal static class Allocator
{
    public static Node? PickSecondary(ClusterState state, Instance instance, IEnumerable<string> exclude)
    {
        var primary = state.Nodes[instance.PrimaryNodeUuid];
        var excluded = exclude.Append(instance.PrimaryNodeUuid).ToHashSet(StringComparer.Ordinal);
        return state.Nodes.Values
            .Where(n => n.GroupUuid == primary.GroupUuid && n.VmCapable && !n.Offline && !n.Drained && !excluded.Contains(n.Uuid))
            .OrderBy(n => state.Instances.Values.Count(i => i.PrimaryNodeUuid == n.Uuid || i.SecondaryNodeUuids.Contains(n.Uuid)))
            .ThenBy(n => n.Name, NiceSort.Instance)
            .FirstOrDefault();
    }

    public static Node? PickPrimary(ClusterState state, Instance instance, string exclude)
    {
        var primary = state.Nodes[instance.PrimaryNodeUuid];
        return state.Nodes.Values
            .Where(n => n.GroupUuid == primary.GroupUuid && n.VmCapable && !n.Offline && !n.Drained && n.Uuid != exclude)
            .OrderBy(n => state.Instances.Values.Count(i => i.PrimaryNodeUuid == n.Uuid))
            .ThenBy(n => n.Name, NiceSort.Instance)
            .FirstOrDefault();
    }
}
