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

    public static void WriteQuery<T>(QueryJsonWriter writer, QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        var selected = source.Table.Resolve(fields);
        var passes = QueryFilterEvaluator.Compile(filter, source.Table);
        var candidates = source.Candidates(filter);
        writer.WriteStartObject();
        writer.WritePropertyName("fields");
        writer.WriteStartArray();
        foreach (var field in selected)
        {
            var definition = field.Definition;
            writer.WriteStartObject();
            writer.WriteString("name", definition.Name);
            writer.WriteString("title", definition.Title);
            writer.WriteString("kind", WireNames<FieldKind>.ToWire(definition.Kind));
            writer.WriteString("doc", definition.Doc);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("data");
        writer.WriteStartArray();
        WriteRows(writer, source, fields, filter, candidates, selected, passes, WriteQueryRow);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Classic rows as UTF-8 JSON: <c>[[value, …], …]</c>, non-normal values null; unknown fields fail like luxid.</summary>
    public static byte[] ClassicUtf8<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        using var writer = new QueryJsonWriter();
        WriteClassic(writer, source, fields, filter);
        return writer.ToArray();
    }

    /// <summary>Like <see cref="ClassicUtf8{T}"/>, in pooled chunks (for large answers).</summary>
    public static Utf8Chunks ClassicChunks<T>(QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        using var writer = new QueryJsonWriter();
        WriteClassic(writer, source, fields, filter);
        return writer.Detach();
    }

    private static void WriteClassic<T>(QueryJsonWriter writer, QuerySource<T> source, IReadOnlyList<string> fields, QueryFilter filter)
    {
        var selected = source.Table.Select(fields);
        var passes = QueryFilterEvaluator.Compile(filter, source.Table);
        writer.WriteStartArray();
        WriteRows(writer, source, fields, filter, source.Candidates(filter), selected, passes, WriteClassicRow, classic: true);
        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes the rows of the objects the filter passes. A large answer from a source that
    /// allows it is written by several threads at once, each into chunks of its own (with
    /// tables of its own), and the chunks are joined in order; the caller's lock on the state
    /// is held throughout, so nothing changes meanwhile.
    /// </summary>
    private static void WriteRows<T>(
        QueryJsonWriter writer,
        QuerySource<T> source,
        IReadOnlyList<string> fields,
        QueryFilter filter,
        IEnumerable<T> candidates,
        QueryField<T>[] selected,
        Func<T, bool>? passes,
        Action<QueryJsonWriter, T, QueryField<T>[]> writeRow,
        bool classic = false)
    {
        var threads = Math.Min(Environment.ProcessorCount, MaxThreads);
        if (!source.CanRunInParallel || threads < 2 || candidates is not IReadOnlyList<T> items || items.Count < 2 * RowsPerPart)
        {
            WriteRange(writer, candidates, selected, passes, writeRow);
            return;
        }

        var parts = Math.Min(items.Count / RowsPerPart, 4 * threads);
        var written = new Utf8Chunks?[parts];
        try
        {
            Parallel.For(
                0,
                parts,
                new ParallelOptions { MaxDegreeOfParallelism = threads },
                () =>
                {
                    var table = source.NewTable()!;
                    return (Selected: classic ? table.Select(fields) : table.Resolve(fields), Passes: QueryFilterEvaluator.Compile(filter, table));
                },
                (part, _, local) =>
                {
                    using var partWriter = new QueryJsonWriter();
                    var start = (int)((long)items.Count * part / parts);
                    var end = (int)((long)items.Count * (part + 1) / parts);
                    WriteRange(partWriter, Range(items, start, end), local.Selected, local.Passes, writeRow);
                    written[part] = partWriter.Detach();
                    return local;
                },
                _ => { });
            foreach (var chunks in written)
            {
                writer.AppendValues(chunks!);
            }
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            foreach (var chunks in written)
            {
                chunks?.Dispose();
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Rows written per part at least; smaller answers are written on one thread.</summary>
    private const int RowsPerPart = 1000;

    private const int MaxThreads = 8;

    private static IEnumerable<T> Range<T>(IReadOnlyList<T> items, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            yield return items[i];
        }
    }

    private static void WriteRange<T>(QueryJsonWriter writer, IEnumerable<T> items, QueryField<T>[] selected, Func<T, bool>? passes, Action<QueryJsonWriter, T, QueryField<T>[]> writeRow)
    {
        foreach (var item in items)
        {
            if (passes is null || passes(item))
            {
                writeRow(writer, item, selected);
            }
        }
    }

    private static void WriteQueryRow<T>(QueryJsonWriter writer, T item, QueryField<T>[] selected)
    {
        writer.WriteStartArray();
        foreach (var field in selected)
        {
            var value = field.Get(item);
            if (value.IsNormal)
            {
                writer.WriteStartNormalCell();
                value.WriteTo(writer);
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteStatusCell(value.Status);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteClassicRow<T>(QueryJsonWriter writer, T item, QueryField<T>[] selected)
    {
        writer.WriteStartArray();
        foreach (var field in selected)
        {
            field.Get(item).WriteTo(writer);
        }

        writer.WriteEndArray();
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
