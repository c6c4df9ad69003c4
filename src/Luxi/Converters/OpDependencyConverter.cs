using System.Text.Json;
using System.Text.Json.Serialization;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Luxi.Converters;

/// <summary>A job dependency as Ganeti writes it: <c>[job_id, [status, …]]</c>.</summary>
public sealed class OpDependencyConverter : JsonConverter<OpDependency>
{
    public override OpDependency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2)
        {
            throw new JsonException("A dependency is [job_id, [statuses]]");
        }

        var statuses = root[1].EnumerateArray().Select(s => WireNames<JobStatus>.Parse(s.GetString()!)).ToList();
        return new OpDependency(root[0].GetInt64(), statuses);
    }

    public override void Write(Utf8JsonWriter writer, OpDependency value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.JobId);
        writer.WriteStartArray();
        foreach (var status in value.Statuses)
        {
            writer.WriteStringValue(WireNames<JobStatus>.ToWire(status));
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
    }
}
