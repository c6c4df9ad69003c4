using System.Text.Json.Nodes;
using Ganeti.Domain.Common;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Runs a query over a <see cref="QuerySource{T}"/>: binds the filter, picks the objects,
/// keeps those the filter passes and computes the requested fields of each, either as a
/// Query2 answer (written straight to UTF-8) or as classic rows.
/// </summary>
public static class QueryRunner
{
    /// <summary>The Query2 answer <c>{"fields": […], "data": [[[status, value]…]…]}</c> as UTF-8 JSON.</summary>
    public static byte[] Query<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        using var writer = new QueryJsonWriter();
        WriteQuery(writer, source, fields, filter);
        return writer.ToArray();
    }

    /// <summary>Like <see cref="Query{T}"/>, in pooled chunks (for large answers).</summary>
    public static Utf8Chunks QueryChunks<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        using var writer = new QueryJsonWriter();
        WriteQuery(writer, source, fields, filter);
        return writer.Detach();
    }

    public static void WriteQuery<T>(QueryJsonWriter writer, QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter) =>
        PlanQuery(source, fields, filter).WriteTo(writer);

    /// <summary>
    /// Prepares a Query2 answer: resolves the fields, compiles the filter and picks the objects
    /// (so that every error comes out here, before any row), and writes the head of the
    /// answer. The caller holds the state's lock until the rows are written.
    /// </summary>
    public static RowPlan<T> PlanQuery<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        var selected = source.Table.Resolve(fields);
        var passes = QueryFilterEvaluator.Compile(filter, source.Table);
        var candidates = source.Candidates(filter);
        using var head = new QueryJsonWriter(4096);
        head.WriteStartObject();
        head.WritePropertyName("fields");
        head.WriteStartArray();
        foreach (var field in selected)
        {
            var definition = field.Definition;
            head.WriteStartObject();
            head.WriteString("name", definition.Name);
            head.WriteString("title", definition.Title);
            head.WriteString("kind", WireNames<FieldKind>.ToWire(definition.Kind));
            head.WriteString("doc", definition.Doc);
            head.WriteEndObject();
        }

        head.WriteEndArray();
        head.WritePropertyName("data");
        head.WriteStartArray();
        return new RowPlan<T>(head.ToArray(), "]}"u8.ToArray(), candidates, new RowShape<T>(selected), passes, classic: false, ForMoreThreads(source, table => table.Resolve(fields), filter));
    }

    /// <summary>Like <see cref="PlanQuery{T}"/>, for classic rows (unknown fields fail like luxid).</summary>
    public static RowPlan<T> PlanClassic<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        var selected = source.Table.Select(fields);
        var passes = QueryFilterEvaluator.Compile(filter, source.Table);
        return new RowPlan<T>("["u8.ToArray(), "]"u8.ToArray(), source.Candidates(filter), new RowShape<T>(selected), passes, classic: true, ForMoreThreads(source, table => table.Select(fields), filter));
    }

    /// <summary>Classic rows as UTF-8 JSON: <c>[[value, …], …]</c>, non-normal values null; unknown fields fail like luxid.</summary>
    public static byte[] ClassicUtf8<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        using var writer = new QueryJsonWriter();
        PlanClassic(source, fields, filter).WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>Like <see cref="ClassicUtf8{T}"/>, in pooled chunks (for large answers).</summary>
    public static Utf8Chunks ClassicChunks<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        using var writer = new QueryJsonWriter();
        PlanClassic(source, fields, filter).WriteTo(writer);
        return writer.Detach();
    }

    private static Func<(RowShape<T> Shape, Func<T, bool>? Passes)>? ForMoreThreads<T>(
        QuerySource<T> source, Func<FieldTable<T>, QueryField<T>[]> select, QueryFilter filter)
    {
        if (!source.CanRunInParallel)
        {
            return null;
        }

        return () =>
        {
            var table = source.NewTable()!;
            return (new RowShape<T>(select(table)), QueryFilterEvaluator.Compile(filter, table));
        };
    }

    /// <summary>Rows of plain values (non-normal values become null); unknown fields fail like luxid.</summary>
    public static JsonArray Classic<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        var selected = source.Table.Select(fields);
        var passes = QueryFilterEvaluator.Compile(filter, source.Table);
        var rows = new JsonArray();
        foreach (var item in source.Candidates(filter))
        {
            if (passes is null || passes(item))
            {
                rows.Add(FieldTable<T>.Row(item, selected));
            }
        }

        return rows;
    }

    /// <summary>The QueryFields answer <c>{"fields": […]}</c>: the named fields, or all of them nicely sorted.</summary>
    public static JsonObject Fields<T>(FieldTable<T> table, IReadOnlyList<string> fields)
    {
        var definitions = fields.Count == 0 ? table.Sorted() : table.Resolve(fields);
        return new JsonObject { ["fields"] = new JsonArray([.. definitions.Select(f => (JsonNode)ToJson(f.Definition))]) };
    }

    /// <summary>The filter luxid builds for a classic query: the names match the name field or the uuid field.</summary>
    public static QueryFilter ClassicFilter(IReadOnlyList<FilterValue> names, params string[] fields) =>
        new QueryFilter.Or([.. fields.Select(field => names.Count == 0
            ? QueryFilter.None
            : new QueryFilter.Or([.. names.Select(n => (QueryFilter)new QueryFilter.Comparison(ComparisonOperator.Equal, field, n))]))]);

    public static JsonObject ToJson(FieldDefinition definition) => new()
    {
        ["name"] = definition.Name,
        ["title"] = definition.Title,
        ["kind"] = WireNames<FieldKind>.ToWire(definition.Kind),
        ["doc"] = definition.Doc,
    };
}
