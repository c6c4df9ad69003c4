using Ganeti.Domain.Common;

namespace Ganeti.Simulator.State;

/// <summary>
/// The whole configuration of the simulated cluster. Callers hold <see cref="Sync"/> while
/// they read or change it.
/// </summary>
public sealed class ClusterState
{
    public object Sync { get; } = new();

    public ClusterConfig Cluster { get; set; } = new();

    public Dictionary<string, NodeGroup> Groups { get; } = [];

    public Dictionary<string, Node> Nodes { get; } = [];

    public Dictionary<string, Instance> Instances { get; } = [];

    public Dictionary<string, Network> Networks { get; } = [];

    /// <summary>Job filter rules by uuid (ReplaceFilter / DeleteFilter change them).</summary>
    public Dictionary<string, FilterRule> FilterRules { get; } = [];

    /// <summary>The OS definitions installed on the nodes (not part of the stored config).</summary>
    public List<OsDefinition> OperatingSystems { get; set; } = OsDefinition.Defaults();

    /// <summary>The instance exports each node keeps, by node uuid: the exported instances' names (not part of the stored config).</summary>
    public Dictionary<string, SortedSet<string>> Exports { get; } = [];

    public Node MasterNode => Nodes[Cluster.MasterNodeUuid];

    public Node? FindNode(string nameOrUuid) => FindByHostName(Nodes.Values, nameOrUuid, n => n.Name);

    public Instance? FindInstance(string nameOrUuid) => FindByHostName(Instances.Values, nameOrUuid, i => i.Name);

    public NodeGroup? FindGroup(string nameOrUuid) =>
        Groups.TryGetValue(nameOrUuid, out var byUuid) ? byUuid : Groups.Values.FirstOrDefault(g => g.Name == nameOrUuid);

    public string NodeName(string uuid) => Nodes.TryGetValue(uuid, out var node) ? node.Name : uuid;

    /// <summary>
    /// Every object matching a name the way luxid filters by name: exact name, uuid, or a
    /// short host name (the part before the first dot).
    /// </summary>
    public static IEnumerable<T> MatchByHostName<T>(IEnumerable<T> items, string nameOrUuid, Func<T, string> name)
        where T : ConfigObject =>
        items.Where(i => i.Uuid == nameOrUuid || GanetiName.MatchesHostName(nameOrUuid, name(i)));

    private static T? FindByHostName<T>(IEnumerable<T> items, string nameOrUuid, Func<T, string> name)
        where T : ConfigObject
    {
        var all = items as ICollection<T> ?? [.. items];
        var exact = all.FirstOrDefault(i => name(i) == nameOrUuid || i.Uuid == nameOrUuid);
        if (exact is not null)
        {
            return exact;
        }

        var matches = all.Where(i => GanetiName.MatchesHostName(nameOrUuid, name(i))).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : default;
    }
}
