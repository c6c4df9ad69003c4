using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>One instance export on one node.</summary>
public sealed record ExportRow(Node Node, string Export);

/// <summary>
/// Export query fields (Ganeti's Query/Export.hs): one row per export per node, from the
/// exports the simulated nodes keep (<see cref="ClusterState.Exports"/>).
/// </summary>
public static class ExportFields
{
    public static FieldTable<ExportRow> Create()
    {
        var f = new FieldList<ExportRow>
        {
            { "node", "Node", FieldKind.Text, "Node name", e => e.Node.Name, FilterMode.Hostname },
            { "export", "Export", FieldKind.Text, "Export name", e => e.Export },
        };
        return f.ToTable();
    }

    /// <summary>Rows for every node's exports; names in the filter are node names, looked up like luxid.</summary>
    public static QuerySource<ExportRow> Source(ClusterState state) =>
        new(Create(), "node", () => state.Nodes.Values.OrderBy(n => n.Name, NiceSort.Instance).SelectMany(n => Exports(state, n)), values =>
        {
            var names = values.Where(v => v.IsText).Select(v => v.Text!).ToList();
            return names.Count == 0
                ? null
                : [.. names.Select(name => ObjectLookup.ByName("Node", state.Nodes.Values, name, n => n.Name)).SelectMany(n => Exports(state, n))];
        });

    private static IEnumerable<ExportRow> Exports(ClusterState state, Node node) =>
        state.Exports.TryGetValue(node.Uuid, out var names) ? [.. names.Select(name => new ExportRow(node, name))] : [];
}
