using System.Text.Json;
using System.Text.Json.Serialization;
using Ganeti.Domain.Instances;

namespace Ganeti.Luxi.Converters;

/// <summary>An element of OP_INSTANCE_RECREATE_DISKS' <c>disks</c>: <c>index</c> or <c>[index, {params}]</c>.</summary>
public sealed class DiskRecreationConverter : JsonConverter<DiskRecreation>
{
    public override DiskRecreation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Opcode parameters are only written");

    public override void Write(Utf8JsonWriter writer, DiskRecreation value, JsonSerializerOptions options)
    {
        if (value.Parameters is null)
        {
            writer.WriteNumberValue(value.Index);
            return;
        }

        writer.WriteStartArray();
        writer.WriteNumberValue(value.Index);
        JsonSerializer.Serialize(writer, value.Parameters, options);
        writer.WriteEndArray();
    }
}
