using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Query;

/// <summary>
/// A value written without building a <see cref="JsonNode"/> first (e.g. merged parameter
/// dictionaries); <see cref="ToNode"/> builds one when a caller needs a tree.
/// </summary>
public interface IJsonWritable
{
    void WriteTo(QueryJsonWriter writer);

    JsonNode? ToNode();
}

/// <summary>
/// One cell of a query row: a <see cref="ResultStatus"/> and, for <see cref="ResultStatus.Normal"/>,
/// a value. Values are kept as primitives, lists of values, or references to existing JSON
/// (never copied), so a query of thousands of rows allocates little; they are written
/// straight to a <see cref="QueryJsonWriter"/> or turned into fresh nodes for classic queries.
/// </summary>
public readonly struct FieldValue : IEquatable<FieldValue>
{
    public static readonly FieldValue Null = new(ResultStatus.Normal, Tag.Null, 0, null);
    public static readonly FieldValue Unknown = new(ResultStatus.Unknown, Tag.Null, 0, null);
    public static readonly FieldValue NoData = new(ResultStatus.NoData, Tag.Null, 0, null);
    public static readonly FieldValue Unavailable = new(ResultStatus.Unavailable, Tag.Null, 0, null);
    public static readonly FieldValue Offline = new(ResultStatus.Offline, Tag.Null, 0, null);

    /// <summary>The empty JSON list.</summary>
    public static readonly FieldValue EmptyList = new(ResultStatus.Normal, Tag.List, 0, Array.Empty<FieldValue>());

    private readonly object? _ref;
    private readonly long _bits;
    private readonly Tag _tag;

    /// <summary>
    /// The value is a list of one item, which <see cref="_tag"/>, <see cref="_bits"/> and
    /// <see cref="_ref"/> describe: most lists of an object's NICs have one item, and this
    /// spares an array per list and row.
    /// </summary>
    private readonly bool _oneItemList;

    private FieldValue(ResultStatus status, Tag tag, long bits, object? reference, bool oneItemList = false)
    {
        Status = status;
        _tag = tag;
        _bits = bits;
        _ref = reference;
        _oneItemList = oneItemList;
    }

    private enum Tag : byte
    {
        Null,
        Bool,
        Int,
        Float,
        String,
        Node,
        List,
        Custom,
    }

    public ResultStatus Status { get; }

    public bool IsNormal => Status == ResultStatus.Normal;

    public static implicit operator FieldValue(string? value) => value is null ? Null : new(ResultStatus.Normal, Tag.String, 0, value);

    public static implicit operator FieldValue(long value) => new(ResultStatus.Normal, Tag.Int, value, null);

    public static implicit operator FieldValue(int value) => new(ResultStatus.Normal, Tag.Int, value, null);

    public static implicit operator FieldValue(bool value) => new(ResultStatus.Normal, Tag.Bool, value ? 1 : 0, null);

    public static implicit operator FieldValue(double value) => new(ResultStatus.Normal, Tag.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>An existing node, referenced (not copied); it must not change while the query runs.</summary>
    public static implicit operator FieldValue(JsonNode? value) => value is null ? Null : new(ResultStatus.Normal, Tag.Node, 0, value);

    public static bool operator ==(FieldValue left, FieldValue right) => left.Equals(right);

    public static bool operator !=(FieldValue left, FieldValue right) => !left.Equals(right);

    public static FieldValue FromString(string? value) => value;

    public static FieldValue FromInt64(long value) => value;

    public static FieldValue FromBoolean(bool value) => value;

    public static FieldValue FromDouble(double value) => value;

    public static FieldValue FromNode(JsonNode? value) => value;

    public static FieldValue Custom(IJsonWritable value) => new(ResultStatus.Normal, Tag.Custom, 0, value);

    /// <summary>A JSON list of the given values.</summary>
    public static FieldValue List(FieldValue[] items) => new(ResultStatus.Normal, Tag.List, 0, items);

    public static FieldValue List<T>(IReadOnlyList<T> items, Func<T, FieldValue> map)
    {
        if (items.Count == 0)
        {
            return EmptyList;
        }

        var first = map(items[0]);
        if (items.Count == 1 && first is { IsNormal: true, _oneItemList: false })
        {
            return new(ResultStatus.Normal, first._tag, first._bits, first._ref, oneItemList: true);
        }

        var values = new FieldValue[items.Count];
        values[0] = first;
        for (var i = 1; i < values.Length; i++)
        {
            values[i] = map(items[i]);
        }

        return List(values);
    }

    public static FieldValue Strings(IEnumerable<string?> items) => List([.. items.Select(FromString)]);

    /// <summary>The value, or RS_UNAVAIL when it is not set (Ganeti's <c>rsMaybeUnavail</c>).</summary>
    public static FieldValue OrUnavailable(string? value) => value is null ? Unavailable : value;

    public static FieldValue OrUnavailable(long? value) => value is null ? Unavailable : value.Value;

    /// <summary>The value, or RS_NODATA when it is missing (Ganeti's <c>rsMaybeNoData</c>).</summary>
    public static FieldValue OrNoData(JsonNode? value) => value is null ? NoData : value;

    public static FieldValue OrNoData(string? value) => value is null ? NoData : value;

    public static FieldValue WithStatus(ResultStatus status) => status switch
    {
        ResultStatus.Unknown => Unknown,
        ResultStatus.NoData => NoData,
        ResultStatus.Unavailable => Unavailable,
        ResultStatus.Offline => Offline,
        _ => Null,
    };

    public bool TryGetString(out string value)
    {
        switch (_oneItemList ? Tag.List : _tag)
        {
            case Tag.String:
                value = (string)_ref!;
                return true;
            case Tag.Node when _ref is JsonValue v && v.GetValueKind() == JsonValueKind.String:
                value = v.GetValue<string>();
                return true;
            default:
                value = string.Empty;
                return false;
        }
    }

    public bool TryGetBool(out bool value)
    {
        switch (_oneItemList ? Tag.List : _tag)
        {
            case Tag.Bool:
                value = _bits != 0;
                return true;
            case Tag.Node when _ref is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                value = v.GetValue<bool>();
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A number: integral ones in <paramref name="integer"/> (and <paramref name="isInteger"/>), all in <paramref name="real"/>.</summary>
    public bool TryGetNumber(out long integer, out double real, out bool isInteger)
    {
        switch (_oneItemList ? Tag.List : _tag)
        {
            case Tag.Int:
                integer = _bits;
                real = _bits;
                isInteger = true;
                return true;
            case Tag.Float:
                real = BitConverter.Int64BitsToDouble(_bits);
                isInteger = false;
                integer = 0;
                return true;
            case Tag.Node when JsonNumbers.TryGet((JsonNode)_ref!, out integer, out real, out isInteger):
                return true;
            default:
                integer = 0;
                real = 0;
                isInteger = false;
                return false;
        }
    }

    /// <summary>The items, when the value is a JSON list.</summary>
    public bool TryGetList(out IReadOnlyList<FieldValue> items)
    {
        if (_oneItemList)
        {
            items = [OnlyItem];
            return true;
        }

        switch (_tag)
        {
            case Tag.List:
                items = (FieldValue[])_ref!;
                return true;
            case Tag.Node when _ref is JsonArray array:
                items = [.. array.Select(FromNode)];
                return true;
            default:
                items = [];
                return false;
        }
    }

    /// <summary>Writes the value (null unless the status is normal).</summary>
    public void WriteTo(QueryJsonWriter writer)
    {
        if (Status != ResultStatus.Normal)
        {
            writer.WriteNullValue();
            return;
        }

        if (_oneItemList)
        {
            writer.WriteStartArray();
            OnlyItem.WriteTo(writer);
            writer.WriteEndArray();
            return;
        }

        switch (_tag)
        {
            case Tag.Null:
                writer.WriteNullValue();
                break;
            case Tag.Bool:
                writer.WriteBooleanValue(_bits != 0);
                break;
            case Tag.Int:
                writer.WriteNumberValue(_bits);
                break;
            case Tag.Float:
                writer.WriteNumberValue(BitConverter.Int64BitsToDouble(_bits));
                break;
            case Tag.String:
                writer.WriteStringValue((string)_ref!);
                break;
            case Tag.Node:
                writer.WriteNode((JsonNode)_ref!);
                break;
            case Tag.List:
                writer.WriteStartArray();
                foreach (var item in (FieldValue[])_ref!)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            case Tag.Custom:
                ((IJsonWritable)_ref!).WriteTo(writer);
                break;
        }
    }

    /// <summary>A fresh node for the value (null unless the status is normal), safe to put into a tree.</summary>
    public JsonNode? ToNode()
    {
        if (Status != ResultStatus.Normal)
        {
            return null;
        }

        if (_oneItemList)
        {
            return new JsonArray(OnlyItem.ToNode());
        }

        return _tag switch
        {
            Tag.Bool => JsonValue.Create(_bits != 0),
            Tag.Int => JsonValue.Create(_bits),
            Tag.Float => JsonValue.Create(BitConverter.Int64BitsToDouble(_bits)),
            Tag.String => JsonValue.Create((string)_ref!),
            Tag.Node => ((JsonNode)_ref!).DeepClone(),
            Tag.List => new JsonArray([.. ((FieldValue[])_ref!).Select(v => v.ToNode())]),
            Tag.Custom => ((IJsonWritable)_ref!).ToNode(),
            _ => null,
        };
    }

    /// <summary>The item of a one-item list.</summary>
    private FieldValue OnlyItem => new(ResultStatus.Normal, _tag, _bits, _ref);

    public bool Equals(FieldValue other) =>
        Status == other.Status && JsonNode.DeepEquals(ToNode(), other.ToNode());

    public override bool Equals(object? obj) => obj is FieldValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Status, ToNode()?.ToJsonString());

    public override string ToString() =>
        Status == ResultStatus.Normal
            ? ToNode()?.ToJsonString() ?? "null"
            : "[" + ((int)Status).ToString(CultureInfo.InvariantCulture) + ", null]";
}
