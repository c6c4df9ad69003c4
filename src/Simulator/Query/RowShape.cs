namespace Ganeti.Simulator.Query;

/// <summary>
/// The requested fields of a row, arranged for writing. Two kinds of runs of consecutive
/// fields are written together: fields of one list family (<c>disk.size/0</c>,
/// <c>disk.size/1</c>, …), whose items the object lacks become one block of RS_UNAVAIL cells;
/// and fields of one <see cref="FieldFamily{T}"/> (<c>hv/*</c>), written once per shared key
/// and copied for every object with the same key. One per query and thread (it remembers
/// the last block it wrote).
/// </summary>
public sealed class RowShape<T>
{
    private readonly Step[] _steps;

    public RowShape(QueryField<T>[] fields)
    {
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

                if (end - i > 1)
                {
                    steps.Add(new Step(fields[i..end], first.Count, first.Index, null, null));
                    i = end;
                    continue;
                }
            }
            else if (fields[i].Family is { } family)
            {
                while (end < fields.Length && ReferenceEquals(fields[end].Family, family))
                {
                    end++;
                }

                if (end - i > 1)
                {
                    steps.Add(new Step(fields[i..end], null, 0, family, new Block()));
                    i = end;
                    continue;
                }
            }

            steps.Add(new Step([fields[i]], null, 0, null, null));
            i = end;
        }

        _steps = [.. steps];
    }

    /// <summary>A Query2 row: <c>[[status, value], …]</c>.</summary>
    public void WriteQueryRow(QueryJsonWriter writer, T item) => WriteRow(writer, item, classic: false);

    /// <summary>A classic row: <c>[value, …]</c>, null where the status is not normal.</summary>
    public void WriteClassicRow(QueryJsonWriter writer, T item) => WriteRow(writer, item, classic: true);

    private static void Write(QueryJsonWriter writer, FieldValue value, bool classic)
    {
        if (classic)
        {
            value.WriteTo(writer);
        }
        else if (value.IsNormal)
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

    private void WriteRow(QueryJsonWriter writer, T item, bool classic)
    {
        writer.WriteStartArray();
        foreach (var step in _steps)
        {
            var fields = step.Fields;
            if (step.Family?.SharedKey(item) is { } key)
            {
                var block = step.Block!;
                var mode = classic ? 1 : 0;
                if (!ReferenceEquals(key, block.Keys[mode]))
                {
                    using var cells = new QueryJsonWriter(1024);
                    foreach (var field in fields)
                    {
                        Write(cells, field.Get(item), classic);
                    }

                    block.Written[mode] = cells.ToArray();
                    block.Keys[mode] = key;
                }

                writer.WriteRawValue(block.Written[mode]!);
                continue;
            }

            var present = Present(step, item);
            for (var k = 0; k < present; k++)
            {
                Write(writer, fields[k].Get(item), classic);
            }

            if (present == fields.Length)
            {
                continue;
            }

            if (classic)
            {
                writer.WriteNullValues(fields.Length - present);
            }
            else
            {
                writer.WriteStatusCells(ResultStatus.Unavailable, fields.Length - present);
            }
        }

        writer.WriteEndArray();
    }

    private static int Present(in Step step, T item) =>
        step.Count is null ? step.Fields.Length : Math.Clamp(step.Count(item) - step.FirstIndex, 0, step.Fields.Length);

    /// <summary>
    /// One field; a run of list-item fields starting at item <see cref="FirstIndex"/>
    /// (<see cref="Count"/> set); or a run of one <see cref="FieldFamily{T}"/> (<see cref="Family"/> set).
    /// </summary>
    private readonly record struct Step(QueryField<T>[] Fields, Func<T, int>? Count, int FirstIndex, FieldFamily<T>? Family, Block? Block);

    /// <summary>What a family run last wrote (Query2 cells, classic values) and the shared key it was written for.</summary>
    private sealed class Block
    {
        public object?[] Keys { get; } = new object?[2];

        public byte[]?[] Written { get; } = new byte[]?[2];
    }
}
