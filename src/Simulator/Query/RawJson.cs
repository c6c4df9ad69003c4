using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ganeti.Simulator.Query;

/// <summary>
/// JSON that is already serialized (a large query result written straight to UTF-8), carried
/// inside a <see cref="JsonNode"/> tree and written out unchanged.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson(ReadOnlyMemory<byte> utf8)
{
    private static readonly JsonTypeInfo<RawJson> TypeInfo =
        JsonMetadataServices.CreateValueInfo<RawJson>(new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() }, new RawJsonConverter());

    public ReadOnlyMemory<byte> Utf8 => utf8;

    /// <summary>A node that writes <paramref name="utf8"/> as is.</summary>
    public static JsonValue Node(ReadOnlyMemory<byte> utf8) => JsonValue.Create(new RawJson(utf8), TypeInfo)!;

    /// <summary>Parses the JSON (for callers that need a tree).</summary>
    public JsonNode? Parse() => JsonNode.Parse(utf8.Span);

    private sealed class RawJsonConverter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
        }

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
    }
}
