using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ganeti.Simulator.Query;

/// <summary>
/// JSON that is already serialized (a large query result written straight to UTF-8), carried
/// inside a <see cref="JsonNode"/> tree and written out unchanged. The LUXI server writes
/// chunked answers to the socket as they are (streamed ones as their parts are finished) and
/// then releases them.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson
{
    private static readonly JsonTypeInfo<RawJson> TypeInfo =
        JsonMetadataServices.CreateValueInfo<RawJson>(new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() }, new RawJsonConverter());

    private ReadOnlyMemory<byte>? _utf8;

    public RawJson(ReadOnlyMemory<byte> utf8)
    {
        _utf8 = utf8;
    }

    public RawJson(Utf8Chunks chunks)
    {
        Chunks = chunks;
    }

    public RawJson(StreamedAnswer streamed)
    {
        Streamed = streamed;
    }

    /// <summary>The text while it is being written (null when it is complete).</summary>
    public StreamedAnswer? Streamed { get; private set; }

    /// <summary>The text in pooled chunks (null when it is one array).</summary>
    public Utf8Chunks? Chunks { get; private set; }

    /// <summary>The text as one block (chunked text is copied once and its chunks released).</summary>
    public ReadOnlyMemory<byte> Utf8
    {
        get
        {
            if (_utf8 is null)
            {
                try
                {
                    if (Streamed is { } streamed)
                    {
                        using var joined = streamed.Join();
                        _utf8 = joined.ToArray();
                    }
                    else
                    {
                        _utf8 = Chunks!.ToArray();
                    }
                }
                finally
                {
                    Release();
                }
            }

            return _utf8.Value;
        }
    }

    /// <summary>A node that writes <paramref name="utf8"/> as is.</summary>
    public static JsonValue Node(ReadOnlyMemory<byte> utf8) => JsonValue.Create(new RawJson(utf8), TypeInfo)!;

    /// <summary>A node that writes <paramref name="streamed"/> as its parts are finished.</summary>
    public static JsonValue Node(StreamedAnswer streamed) => JsonValue.Create(new RawJson(streamed), TypeInfo)!;

    /// <summary>A node that writes <paramref name="chunks"/> as they are.</summary>
    public static JsonValue Node(Utf8Chunks chunks) => JsonValue.Create(new RawJson(chunks), TypeInfo)!;

    /// <summary>Parses the JSON (for callers that need a tree).</summary>
    public JsonNode? Parse() => JsonNode.Parse(Utf8.Span);

    /// <summary>Gives pooled chunks back (after they have been written); the text is gone afterwards.</summary>
    public void Release()
    {
        Chunks?.Dispose();
        Chunks = null;
        Streamed?.Release();
        Streamed = null;
    }

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
