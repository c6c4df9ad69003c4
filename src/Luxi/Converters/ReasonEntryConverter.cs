using System.Text.Json;
using System.Text.Json.Serialization;
using Ganeti.Domain.Common;

namespace Ganeti.Luxi.Converters;

/// <summary>A reason-trail entry as Ganeti writes it: <c>[source, reason, timestamp_ns]</c>.</summary>
public sealed class ReasonEntryConverter : JsonConverter<ReasonEntry>
{
    public override ReasonEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A reason entry is a list");
        }

        reader.Read();
        var source = reader.GetString() ?? throw new JsonException("reason source");
        reader.Read();
        var reason = reader.GetString() ?? string.Empty;
        reader.Read();
        var ns = reader.GetInt64();
        reader.Read();
        return reader.TokenType == JsonTokenType.EndArray ? new ReasonEntry(source, reason, ns) : throw new JsonException("A reason entry has three elements");
    }

    public override void Write(Utf8JsonWriter writer, ReasonEntry value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.Source);
        writer.WriteStringValue(value.Reason);
        writer.WriteNumberValue(value.TimestampNs);
        writer.WriteEndArray();
    }
}
