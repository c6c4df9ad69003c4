namespace Ganeti.Simulator.Query;

/// <summary>
/// What a query runs over: the fields of the objects, the name field, every object in
/// output order, and the direct lookup luxid uses when a filter only names objects.
/// </summary>
public sealed class QuerySource<T>(
    FieldTable<T> table,
    string nameField,
    Func<IEnumerable<T>> all,
    Func<IReadOnlyList<FilterValue>, IReadOnlyList<T>?>? byNames,
    Func<FieldTable<T>>? newTable = null)
{
    public FieldTable<T> Table => table;

    /// <summary>Whether rows may be written by several threads at once (see <see cref="NewTable"/>).</summary>
    public bool CanRunInParallel => newTable is not null;

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

    /// <summary>
    /// A table of the same fields for one more thread: fields remember things for the row
    /// being written, so each thread needs tables of its own. Null when the source has none.
    /// </summary>
    public FieldTable<T>? NewTable() => newTable?.Invoke();

    /// <summary>This source, with a way to make tables for more threads (<paramref name="tables"/> may read the state concurrently).</summary>
    public QuerySource<T> InParallel(Func<FieldTable<T>> tables) => new(table, nameField, all, byNames, tables);

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
