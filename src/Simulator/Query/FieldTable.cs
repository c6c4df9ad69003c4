using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>One query field of a kind of object: its definition, how filters compare it, and its getter.</summary>
public sealed class QueryField<T>(FieldDefinition definition, Func<T, FieldValue> get, FilterMode mode = FilterMode.Normal, FieldSlot<T>? slot = null, FieldFamily<T>? family = null)
{
    public FieldDefinition Definition => definition;

    public string Name => definition.Name;

    public FilterMode Mode => mode;

    /// <summary>For a field of one item of a list (<c>disk.size/2</c>): which list and which item.</summary>
    public FieldSlot<T>? Slot => slot;

    /// <summary>For a field of a family whose values depend on a shared key (<c>hv/*</c>): the family.</summary>
    public FieldFamily<T>? Family => family;

    public static QueryField<T> UnknownField(string name) => new(FieldDefinition.UnknownField(name), _ => FieldValue.Unknown);

    public FieldValue Get(T item) => get(item);

    public QueryField<T> Renamed(string name) => new(definition with { Name = name }, get, mode, slot, family);
}

/// <summary>
/// Fields (such as every <c>hv/*</c>) whose values, for an object, depend only on
/// <see cref="SharedKey"/> of it whenever that is not null (e.g. the hypervisor defaults of
/// an instance without hypervisor parameters of its own): a run of them is written once per
/// key and copied for every other object with the same key.
/// </summary>
public sealed record FieldFamily<T>(string Name, Func<T, object?> SharedKey);

/// <summary>
/// The field of item <see cref="Index"/> of a list of the object (one of <c>disk.size/0</c>,
/// <c>disk.size/1</c>, …, family <c>disk.size</c>): RS_UNAVAIL when the list is shorter.
/// </summary>
public sealed record FieldSlot<T>(string Family, int Index, Func<T, int> Count);

/// <summary>The query fields of one kind of object, by name.</summary>
public sealed class FieldTable<T>
{
    private readonly Dictionary<string, QueryField<T>> _fields = new(StringComparer.Ordinal);
    private QueryField<T>[]? _sorted;

    public FieldTable(IEnumerable<QueryField<T>> fields)
    {
        foreach (var field in fields)
        {
            if (!_fields.TryAdd(field.Name, field))
            {
                throw new ArgumentException($"Duplicate query field '{field.Name}'", nameof(fields));
            }
        }
    }

    public IEnumerable<string> Names => _fields.Keys;

    public int Count => _fields.Count;

    public bool TryGet(string name, [NotNullWhen(true)] out QueryField<T>? field) => _fields.TryGetValue(name, out field);

    /// <summary>Every field, nicely sorted by name (QueryFields without names).</summary>
    public IReadOnlyList<QueryField<T>> Sorted() => _sorted ??= [.. _fields.Values.OrderBy(f => f.Name, NiceSort.Instance)];

    /// <summary>The requested fields in order; unknown names become RS_UNKNOWN fields (Query2).</summary>
    public QueryField<T>[] Resolve(IReadOnlyList<string> requested)
    {
        var result = new QueryField<T>[requested.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _fields.TryGetValue(requested[i], out var field) ? field : QueryField<T>.UnknownField(requested[i]);
        }

        return result;
    }

    /// <summary>The requested fields for a classic query; unknown names fail like luxid.</summary>
    public QueryField<T>[] Select(IReadOnlyList<string> requested)
    {
        var unknown = requested.Where(f => !_fields.ContainsKey(f)).ToList();
        if (unknown.Count > 0)
        {
            throw SimError.Prereq("Unknown output fields selected: " + string.Join(", ", unknown), ErrorCode.Invalid);
        }

        return Resolve(requested);
    }

    /// <summary>A classic row: the plain values, null where the status is not normal.</summary>
    public static JsonArray Row(T item, QueryField<T>[] fields)
    {
        var row = new JsonArray();
        foreach (var field in fields)
        {
            row.Add(field.Get(item).ToNode());
        }

        return row;
    }
}

/// <summary>Collects the fields of a kind of object, with Ganeti's aliases and common fields.</summary>
public sealed class FieldList<T> : List<QueryField<T>>
{
    public void Add(string name, string title, FieldKind kind, string doc, Func<T, FieldValue> get, FilterMode mode = FilterMode.Normal) =>
        Add(new QueryField<T>(new FieldDefinition(name, title, kind, doc), get, mode));

    /// <summary>
    /// The field of item <paramref name="index"/> of a list (<paramref name="family"/>/index):
    /// <paramref name="get"/> is only called when the item exists, otherwise the value is RS_UNAVAIL.
    /// </summary>
    public void AddSlot(string family, int index, string title, FieldKind kind, string doc, Func<T, int> count, Func<T, FieldValue> get) =>
        Add(new QueryField<T>(
            new FieldDefinition($"{family}/{index}", title, kind, doc),
            item => index < count(item) ? get(item) : FieldValue.Unavailable,
            FilterMode.Normal,
            new FieldSlot<T>(family, index, count)));

    /// <summary>Copies the field <paramref name="target"/> under the name <paramref name="alias"/>.</summary>
    public void Alias(string alias, string target) => Add(this.Single(f => f.Name == target).Renamed(alias));

    public FieldTable<T> ToTable() => new(this);
}

/// <summary>Fields every config object has: ctime, mtime, uuid, serial_no, tags.</summary>
public static class CommonFields
{
    /// <summary>Tags as luxid lists them (a set: sorted).</summary>
    public static FieldValue SortedTags(List<string> tags)
    {
        if (tags.Count == 0)
        {
            return FieldValue.EmptyList;
        }

        var values = new FieldValue[tags.Count];
        if (tags.Count == 1)
        {
            values[0] = tags[0];
        }
        else if (tags.Count > 1)
        {
            var sorted = tags.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            for (var i = 0; i < sorted.Length; i++)
            {
                values[i] = sorted[i];
            }
        }

        return FieldValue.List(values);
    }

    public static void AddTimestamps<T>(this FieldList<T> fields)
        where T : ConfigObject
    {
        fields.Add("ctime", "CTime", FieldKind.Timestamp, "Creation timestamp", o => o.Ctime);
        fields.Add("mtime", "MTime", FieldKind.Timestamp, "Modification timestamp", o => o.Mtime);
    }

    public static void AddCommon<T>(this FieldList<T> fields, string kindName)
        where T : ConfigObject
    {
        fields.AddTimestamps();
        fields.Add("uuid", "UUID", FieldKind.Text, kindName + " UUID", o => o.Uuid);
        fields.Add("serial_no", "SerialNo", FieldKind.Number, kindName + " object serial number, incremented on each modification", o => o.SerialNo);
        fields.Add("tags", "Tags", FieldKind.Other, "Tags", o => SortedTags(o.Tags));
    }
}
