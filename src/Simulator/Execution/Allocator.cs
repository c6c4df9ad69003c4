using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// A small stand-in for the hail allocator: the least loaded usable node of the right group.
/// New instances go to the usable node with the most free memory among those that have the
/// memory and the disk for them (DRBD's secondary: another such node of the same group).
/// </summary>
internal static class Allocator
{
    /// <summary>
    /// Nodes for a new instance; <paramref name="reservedMemory"/> and <paramref name="reservedDisk"/>
    /// (by node uuid) are what earlier instances of the same request already took. The error is
    /// worded like hail's answer when no node fits.
    /// </summary>
    public static Placement PlaceNew(
        ClusterState state, DiskTemplate template, long memory, IReadOnlyList<long> diskSizes, string? groupName,
        Dictionary<string, long>? reservedMemory, Dictionary<string, long>? reservedDisk)
    {
        var disk = NodeCapacity.RequiredDisk(template, diskSizes);
        var groups = state.Groups.Values
            .Where(g => g.AllocPolicy != "unallocable" && (groupName is null || g.Name == groupName || g.Uuid == groupName))
            .OrderBy(g => g.AllocPolicy == "preferred" ? 0 : 1)
            .ThenBy(g => g.Name, NiceSort.Instance)
            .ToList();
        var reasons = new List<string>();
        foreach (var group in groups)
        {
            var usable = state.Nodes.Values.Where(n => n.GroupUuid == group.Uuid && n.VmCapable && !n.Offline && !n.Drained).ToList();
            long FreeMemory(Node n) => NodeCapacity.FreeMemory(state, n) - (reservedMemory?.GetValueOrDefault(n.Uuid) ?? 0);
            long FreeDisk(Node n) => NodeCapacity.FreeDisk(state, n) - (reservedDisk?.GetValueOrDefault(n.Uuid) ?? 0);
            var noMemory = usable.Count(n => FreeMemory(n) < memory);
            var noDisk = usable.Count(n => FreeMemory(n) >= memory && FreeDisk(n) < disk);
            var fitting = usable.Where(n => FreeMemory(n) >= memory && FreeDisk(n) >= disk)
                .OrderByDescending(FreeMemory)
                .ThenBy(n => n.Name, NiceSort.Instance)
                .ToList();
            if (template != DiskTemplate.Drbd && fitting.Count > 0)
            {
                return new Placement(fitting[0], null, null);
            }

            if (template == DiskTemplate.Drbd && fitting.Count > 0)
            {
                var secondary = usable.Where(n => n.Uuid != fitting[0].Uuid && FreeDisk(n) >= disk).OrderByDescending(FreeDisk).ThenBy(n => n.Name, NiceSort.Instance).FirstOrDefault();
                if (secondary is not null)
                {
                    return new Placement(fitting[0], secondary, null);
                }
            }

            var failures = new List<string>();
            if (noMemory > 0)
            {
                failures.Add($"FailMem: {noMemory}");
            }

            if (noDisk > 0)
            {
                failures.Add($"FailDisk: {noDisk}");
            }

            if (failures.Count == 0)
            {
                failures.Add($"FailN1: {Math.Max(usable.Count, 1)}");
            }

            reasons.Add($"Group {group.Name} ({group.AllocPolicy}): No valid allocation solutions, failure reasons: {string.Join(", ", failures)}");
        }

        return new Placement(null, null, "Request failed: " + (reasons.Count > 0 ? string.Join("; ", reasons) : "No valid allocation solutions"));
    }

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

/// <summary>Where a new instance goes, or why it cannot go anywhere.</summary>
internal sealed record Placement(Node? Primary, Node? Secondary, string? Error);
