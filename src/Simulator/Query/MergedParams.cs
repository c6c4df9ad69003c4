using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Query;

/// <summary>
/// How filled parameters are shown: keys in the first layer's order followed by new keys, or
/// sorted (luxid's maps); some keys left out. Remembers key orders for one query, so create
/// one per query.
/// </summary>
public sealed class ParamShape(bool sorted = false, IReadOnlySet<string>? excluded = null)
{
    private readonly Dictionary<JsonObject, string[]> _keys = new(ReferenceEqualityComparer.Instance);

    public bool Sorted => sorted;

    public IReadOnlySet<string>? Excluded => excluded;

    private readonly Dictionary<JsonObject, Encoded> _encoded = new(ReferenceEqualityComparer.Instance);

    /// <summary>A shared layer written once: the whole object, and each property on its own, in output order.</summary>
    public Encoded EncodedOf(JsonObject layer)
    {
        if (!_encoded.TryGetValue(layer, out var encoded))
        {
            var keys = KeysOf(layer);
            var properties = new Property[keys.Length];
            using var whole = new QueryJsonWriter(256);
            whole.WriteStartObject();
            for (var i = 0; i < keys.Length; i++)
            {
                using var one = new QueryJsonWriter(64);
                one.WritePropertyName(keys[i]);
                one.WriteNode(layer[keys[i]]);
                properties[i] = new Property(keys[i], one.ToArray());
                whole.WriteRawMember(properties[i].Utf8);
            }

            whole.WriteEndObject();
            encoded = new Encoded(whole.ToArray(), properties);
            _encoded[layer] = encoded;
        }

        return encoded;
    }

    /// <summary>The keys of one layer, in output order (cached).</summary>
    public string[] KeysOf(JsonObject layer)
    {
        if (!_keys.TryGetValue(layer, out var keys))
        {
            keys = [.. layer.Select(p => p.Key).Where(k => excluded is null || !excluded.Contains(k))];
            if (sorted)
            {
                Array.Sort(keys, StringComparer.Ordinal);
            }

            _keys[layer] = keys;
        }

        return keys;
    }
}

/// <summary>A layer's JSON, whole and property by property (<c>"key":value</c>).</summary>
public sealed record Encoded(byte[] Whole, Property[] Properties);

/// <summary>One property of an encoded layer: its key and <c>"key":value</c> as UTF-8.</summary>
public readonly record struct Property(string Key, byte[] Utf8);

/// <summary>
/// A parameter dictionary filled from layers (cluster defaults, then group, OS or object
/// values; later layers win), read and written without copying the layers.
/// </summary>
public sealed class MergedParams(JsonObject?[] layers, ParamShape shape) : IJsonWritable
{
    /// <summary>The object's own values: the last layer; the ones before it are defaults shared by many objects.</summary>
    private readonly JsonObject? _own = layers.Length > 0 && layers[^1] is { Count: > 0 } own ? own : null;
    private readonly JsonObject?[] _layers = NonEmpty(layers);
    private readonly bool _sorted = shape.Sorted;
    private readonly IReadOnlySet<string>? _excluded = shape.Excluded;

    /// <summary>
    /// When the object has no values of its own and one layer of defaults at most, that layer
    /// (or an empty marker): every filled value is then the same as for any other object with
    /// the same defaults. Null otherwise.
    /// </summary>
    public object? SharedKey => _own is not null ? null : _layers.Length switch
    {
        0 => NoLayers,
        1 => _layers[0],
        _ => null,
    };

    private static readonly object NoLayers = new();

    /// <summary>The filled value of <paramref name="key"/>, or null when no layer has it.</summary>
    public JsonNode? Get(string key) => _excluded is not null && _excluded.Contains(key) ? null : Lookup(key);

    /// <summary>Like <see cref="Get"/>, for a key the caller knows is not excluded.</summary>
    public JsonNode? Lookup(string key)
    {
        for (var i = _layers.Length - 1; i >= 0; i--)
        {
            if (_layers[i] is { } layer && layer.TryGetPropertyValue(key, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public bool Contains(string key)
    {
        if (_excluded is not null && _excluded.Contains(key))
        {
            return false;
        }

        foreach (var layer in _layers)
        {
            if (layer is not null && layer.ContainsKey(key))
            {
                return true;
            }
        }

        return false;
    }

    public void WriteTo(QueryJsonWriter writer)
    {
        // One layer of shared defaults, perhaps overridden by the object's own values: the
        // defaults are encoded once per query and copied, and only the overrides are written.
        var shared = _own is null ? _layers.Length : _layers.Length - 1;
        if (shared == 1 && (_own is null || OnlyOverrides()))
        {
            var encoded = shape.EncodedOf(_layers[0]!);
            if (_own is null)
            {
                writer.WriteRawValue(encoded.Whole);
                return;
            }

            writer.WriteStartObject();
            foreach (var property in encoded.Properties)
            {
                if (_own.TryGetPropertyValue(property.Key, out var value))
                {
                    writer.WritePropertyName(property.Key);
                    writer.WriteNode(value);
                }
                else
                {
                    writer.WriteRawMember(property.Utf8);
                }
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteStartObject();
        foreach (var key in Keys())
        {
            writer.WritePropertyName(key);
            writer.WriteNode(Get(key));
        }

        writer.WriteEndObject();
    }

    public JsonNode? ToNode()
    {
        var result = new JsonObject();
        foreach (var key in Keys())
        {
            result[key] = Get(key)?.DeepClone();
        }

        return result;
    }

    private static JsonObject?[] NonEmpty(JsonObject?[] layers)
    {
        var count = 0;
        foreach (var layer in layers)
        {
            if (layer is { Count: > 0 })
            {
                count++;
            }
        }

        if (count == layers.Length)
        {
            return layers;
        }

        var result = new JsonObject?[count];
        count = 0;
        foreach (var layer in layers)
        {
            if (layer is { Count: > 0 })
            {
                result[count++] = layer;
            }
        }

        return result;
    }

    /// <summary>Whether every key of the later layers is in the first one (so no key is new).</summary>
    private bool OnlyOverrides()
    {
        var first = _layers[0]!;
        for (var i = 1; i < _layers.Length; i++)
        {
            var layer = _layers[i]!;
            for (var k = 0; k < layer.Count; k++)
            {
                // Indexed rather than foreach: JsonObject's enumerator is boxed.
                if (!first.ContainsKey(layer.GetAt(k).Key))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private IReadOnlyList<string> Keys()
    {
        JsonObject? only = null;
        var layers = 0;
        foreach (var layer in _layers)
        {
            if (layer is { Count: > 0 })
            {
                only = layer;
                layers++;
            }
        }

        if (layers == 0)
        {
            return [];
        }

        if (layers == 1)
        {
            // The common case (an object without custom values): the key order is cached per layer.
            return shape.KeysOf(only!);
        }

        if (OnlyOverrides())
        {
            // Custom values of keys the defaults already have: the keys are the defaults' keys.
            return shape.KeysOf(_layers[0]!);
        }

        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in _layers)
        {
            if (layer is null)
            {
                continue;
            }

            foreach (var (key, _) in layer)
            {
                if ((_excluded is null || !_excluded.Contains(key)) && seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        if (_sorted)
        {
            keys.Sort(StringComparer.Ordinal);
        }

        return keys;
    }
}
