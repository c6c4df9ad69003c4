namespace Ganeti.Simulator.Query;

/// <summary>
/// The requested fields of a row, arranged for writing. A run of consecutive fields of one
/// list family (<c>disk.size/0</c>, <c>disk.size/1</c>, …) is written together: the items the
/// object has cell by cell, the items it lacks as one block of RS_UNAVAIL cells (in a query of
/// every field, most cells of a row are such items).
/// </summary>
public sealed class RowShape<T>
{
    private readonly Step[] _steps;

    public RowShape(QueryField<T>[] fields)
    {
        Fields = fields;
        var steps = new List<Step>();
        for (var i = 0; i < fields.Length;)
        {
            var end = i + 1;
            if (fields[i].Slot is { } first)
            {
                while (end < fields.Length && fields[end].Slot is { } next && next.Family == first.Family && next.Index == first.Index + (end - i))
                {
                    end++;
                }
            }

            steps.Add(end - i > 1
                ? new Step(fields[i..end], fields[i].Slot!.Count, fields[i].Slot!.Index)
                : new Step([fields[i]], null, 0));
            i = end;
        }

        _steps = [.. steps];
    }

    public QueryField<T>[] Fields { get; }

    /// <summary>A Query2 row: <c>[[status, value], …]</c>.</summary>
    public void WriteQueryRow(QueryJsonWriter writer, T item)
    {
        writer.WriteStartArray();
        foreach (var step in _steps)
        {
            var fields = step.Fields;
            var present = step.Count is null ? 1 : Math.Clamp(step.Count(item) - step.FirstIndex, 0, fields.Length);
            for (var k = 0; k < present; k++)
            {
                var value = fields[k].Get(item);
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

            if (present < fields.Length)
            {
                writer.WriteStatusCells(ResultStatus.Unavailable, fields.Length - present);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>A classic row: <c>[value, …]</c>, null where the status is not normal.</summary>
    public void WriteClassicRow(QueryJsonWriter writer, T item)
    {
        writer.WriteStartArray();
        foreach (var step in _steps)
        {
            var fields = step.Fields;
            var present = step.Count is null ? 1 : Math.Clamp(step.Count(item) - step.FirstIndex, 0, fields.Length);
            for (var k = 0; k < present; k++)
            {
                fields[k].Get(item).WriteTo(writer);
            }

            if (present < fields.Length)
            {
                writer.WriteNullValues(fields.Length - present);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>One field, or a run of fields of one list family starting at item <see cref="FirstIndex"/>.</summary>
    private readonly record struct Step(QueryField<T>[] Fields, Func<T, int>? Count, int FirstIndex);
}
