using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Cluster;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.Networks;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Operations;

/// <summary>
/// Reads a JSON value into the C# type of an opcode parameter, with Ganeti's strict checks:
/// JSON booleans for booleans, integers (never fractions or booleans) for integers, any
/// number for floats, strings of the enum's wire names, lists and objects item by item, and
/// the parameter's constraints (non-empty, range, one-of, address notation). A value that does not fit fails,
/// as Ganeti's opcode validation does; nothing is coerced.
/// </summary>
public static class OpValues
{
    private static readonly ConcurrentDictionary<Type, Reader> Readers = new();

    private delegate bool Reader(JsonNode? node, Constraints c, out object? value);

    /// <summary>Reads <paramref name="node"/> as a value of <paramref name="parameter"/> (not null: callers handle null).</summary>
    public static bool TryRead(OpParameter parameter, JsonNode node, out object? value) =>
        ReaderOf(parameter.ValueType)(node, new Constraints(parameter.NonEmpty, parameter.Min, parameter.Max, parameter.OneOf, parameter.Address), out value);

    /// <summary>The value as JSON, for values that come from the URL or query string (strings, numbers, enums, lists, objects).</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        Enum e => JsonValue.Create(WireNames.ToWire(e)),
        ReasonEntry r => new JsonArray(r.Source, r.Reason, r.TimestampNs),
        IDictionary dictionary => ToJsonObject(dictionary),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToJson)]),
        _ => throw new ArgumentException($"No JSON form for a static value of type {value.GetType().Name}", nameof(value)),
    };

    private static JsonObject ToJsonObject(IDictionary dictionary)
    {
        var obj = new JsonObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            obj[entry.Key is Enum e ? WireNames.ToWire(e) : Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!] = ToJson(entry.Value);
        }

        return obj;
    }

    private static Reader ReaderOf(Type type) => Readers.GetOrAdd(type, Build);

    private static Reader Build(Type type)
    {
        if (type == typeof(bool))
        {
            return (JsonNode? n, Constraints _, out object? v) => Got(IsKind(n, JsonValueKind.True) || IsKind(n, JsonValueKind.False) ? n!.GetValue<bool>() : null, out v);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return (JsonNode? n, Constraints c, out object? v) =>
            {
                v = null;
                if (!TryInteger(n, out var number) || !c.Allows(number) || (type == typeof(int) && number is < int.MinValue or > int.MaxValue))
                {
                    return false;
                }

                v = type == typeof(int) ? (object)(int)number : number;
                return true;
            };
        }

        if (type == typeof(double))
        {
            return (JsonNode? n, Constraints _, out object? v) => Got(Number(n), out v);
        }

        if (type == typeof(string))
        {
            return (JsonNode? n, Constraints c, out object? v) =>
                Got(n is JsonValue s && s.GetValueKind() == JsonValueKind.String && c.Allows(s.GetValue<string>()) ? s.GetValue<string>() : null, out v);
        }

        if (type == typeof(object))
        {
            return (JsonNode? n, Constraints _, out object? v) =>
            {
                v = n?.DeepClone();
                return true;
            };
        }

        if (type.IsEnum)
        {
            return (JsonNode? n, Constraints _, out object? v) =>
            {
                v = null;
                return n is JsonValue s && s.GetValueKind() == JsonValueKind.String && WireNames.TryParse(type, s.GetValue<string>(), out var e) && (v = e) is not null;
            };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return ListReader(type.GetGenericArguments()[0]);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            return DictionaryReader(type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
        }

        if (type.IsSubclassOf(typeof(OpCode)))
        {
            return (JsonNode? n, Constraints c, out object? v) =>
            {
                v = null;
                return n is JsonObject obj && OpInput.TryCreate(OpSchema.Of(type), obj, out var op, out var error) && (v = op) is not null;
            };
        }

        return Composite(type) ?? throw new NotSupportedException($"Opcode parameters of type {type.Name} have no JSON reader");
    }

    private static Reader ListReader(Type itemType)
    {
        var item = ReaderOf(itemType);
        return (JsonNode? n, Constraints c, out object? v) =>
        {
            v = null;
            if (n is not JsonArray list)
            {
                return false;
            }

            var array = Array.CreateInstance(itemType, list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                if (!item(list[i], c, out var value) || (value is null && itemType.IsValueType))
                {
                    return false;
                }

                array.SetValue(value, i);
            }

            v = array;
            return true;
        };
    }

    private static Reader DictionaryReader(Type keyType, Type valueType)
    {
        var value = ReaderOf(valueType);
        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(keyType, valueType);
        return (JsonNode? n, Constraints _, out object? v) =>
        {
            v = null;
            if (n is not JsonObject obj)
            {
                return false;
            }

            var dictionary = (IDictionary)Activator.CreateInstance(dictionaryType)!;
            foreach (var (key, node) in obj)
            {
                object typedKey = key;
                if (keyType.IsEnum)
                {
                    if (!WireNames.TryParse(keyType, key, out var e))
                    {
                        return false;
                    }

                    typedKey = e!;
                }

                if (!value(node, Constraints.None, out var item) || (item is null && valueType.IsValueType))
                {
                    return false;
                }

                dictionary[typedKey] = item;
            }

            v = dictionary;
            return true;
        };
    }

    /// <summary>The domain's small composite values, each written as a short JSON list (or a string).</summary>
    private static Reader? Composite(Type type)
    {
        if (type == typeof(ReasonEntry))
        {
            return (JsonNode? n, Constraints _, out object? v) => Got(
                n is JsonArray { Count: 3 } e && Text(e[0]) is { } source && Text(e[1]) is { } text && TryInteger(e[2], out var ns)
                    ? new ReasonEntry(source, text, ns)
                    : null,
                out v);
        }

        if (type == typeof(OpDependency))
        {
            return (JsonNode? n, Constraints _, out object? v) => Got(
                n is JsonArray { Count: 2 } pair && JobIdOf(pair[0]) is { } id && pair[1] is JsonArray statuses && Statuses(statuses) is { } list
                    ? new OpDependency(id, list)
                    : null,
                out v);
        }

        if (type == typeof(UidRange))
        {
            return (JsonNode? n, Constraints _, out object? v) => Got(
                n is JsonArray { Count: 2 } pair && TryInteger(pair[0], out var first) && TryInteger(pair[1], out var last)
                    && first is >= int.MinValue and <= int.MaxValue && last is >= int.MinValue and <= int.MaxValue
                    ? new UidRange((int)first, (int)last)
                    : null,
                out v);
        }

        if (type == typeof(OsListModification))
        {
            return (JsonNode? n, Constraints _, out object? v) => Got(
                n is JsonArray { Count: 2 } pair && WireNames<DdmSimple>.TryParse(Text(pair[0]), out var action) && Text(pair[1]) is { Length: > 0 } os
                    ? new OsListModification(action, os)
                    : null,
                out v);
        }

        if (type == typeof(ExportTarget))
        {
            return (JsonNode? n, Constraints _, out object? v) => Got(
                n switch
                {
                    JsonValue when Text(n) is { Length: > 0 } node => ExportTarget.Local(node),
                    JsonArray list => ExportTarget.Remote([.. list.Select(i => (object?)i?.DeepClone())]),
                    _ => null,
                },
                out v);
        }

        if (type == typeof(DiskRecreation))
        {
            return (JsonNode? n, Constraints _, out object? v) =>
            {
                v = null;
                if (TryInteger(n, out var index) && index is >= 0 and < 16)
                {
                    v = new DiskRecreation((int)index);
                }
                else if (n is JsonArray { Count: 2 } pair && TryInteger(pair[0], out index) && index is >= 0 and < 16 && pair[1] is JsonObject parameters)
                {
                    v = new DiskRecreation((int)index) { Parameters = parameters.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone()) };
                }

                return v is not null;
            };
        }

        return null;
    }

    private static bool Got(object? value, out object? v)
    {
        v = value;
        return value is not null;
    }

    private static bool IsKind(JsonNode? node, JsonValueKind kind) => node is JsonValue v && v.GetValueKind() == kind;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>An integer: a JSON number without fraction or exponent that fits in 64 bits.</summary>
    public static bool TryInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        // A parsed number converts itself; a value made in code converts only from its own type.
        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }

        return false;
    }

    /// <summary>Any JSON number as a double (Ganeti accepts integers where floats are expected).</summary>
    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.TryGetValue<double>(out var d) ? d : TryInteger(v, out var l) ? l : null
            : null;

    /// <summary>A job id of a dependency: a non-negative integer or digit string, or a negative (relative) integer.</summary>
    private static long? JobIdOf(JsonNode? node) =>
        TryInteger(node, out var id)
            ? id
            : Text(node) is { Length: > 0 } text && text.All(char.IsAsciiDigit) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out id) ? id : null;

    private static List<JobStatus>? Statuses(JsonArray statuses)
    {
        var list = new List<JobStatus>(statuses.Count);
        foreach (var s in statuses)
        {
            if (!WireNames<JobStatus>.TryParse(Text(s), out var status) || !status.IsFinalized())
            {
                return null;
            }

            list.Add(status);
        }

        return list;
    }

    private readonly record struct Constraints(bool NonEmpty, long? Min, long? Max, IReadOnlyList<long>? OneOf, AddressKind? Address)
    {
        public static readonly Constraints None = new(false, null, null, null, null);

        public bool Allows(string text) =>
            (!NonEmpty || text.Length > 0) && (Address is not { } kind || AddressSyntax.IsValid(text, kind));

        public bool Allows(long number) =>
            (Min is null || number >= Min) && (Max is null || number <= Max) && (OneOf is null || OneOf.Contains(number));
    }
}
