namespace Ganeti.Simulator.Query;

/// <summary>
/// What a query runs over: the fields of the objects, the name field, every object in
/// output order, and the direct lookup luxid uses when a filter only names objects.
/// </summary>
public sealed class QuerySource<T>(
    FieldTable<T> table,
    string nameField,
    Func<IEnumerable<T>> all,
    Func<IReadOnlyList<FilterValue>, IReadOnlyList<T>?>? byNames)
{
    public FieldTable<T> Table => table;

    public string NameField => nameField;

    /// <summary>
    /// A source whose objects are looked up by name when the filter is only ORs of
    /// <c>==</c> on <paramref name="nameField"/>: <paramref name="lookup"/> fails for unknown names.
    /// </summary>
    public static QuerySource<T> Named(FieldTable<T> table, Func<IEnumerable<T>> all, Func<string, T> lookup, string nameField = "name") =>
        new(table, nameField, all, values =>
        {
            var names = values.Where(v => v.IsText).Select(v => v.Text!).ToList();
            return names.Count == 0 ? null : [.. names.Select(lookup)];
        });

    /// <summary>A source that always scans every object.</summary>
    public static QuerySource<T> Scanned(FieldTable<T> table, Func<IEnumerable<T>> all, string nameField = "name") =>
        new(table, nameField, all, null);

    /// <summary>The objects to test against the filter, in output order.</summary>
    public IEnumerable<T> Candidates(QueryFilter filter)
    {
        if (byNames is not null && filter.RequestedNames(nameField) is { } names && byNames(names) is { } named)
        {
            return named;
        }

        return all();
    }
}
