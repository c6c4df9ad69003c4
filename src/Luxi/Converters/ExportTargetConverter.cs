using System.Text.Json;
using System.Text.Json.Serialization;
using Ganeti.Domain.Instances;

namespace Ganeti.Luxi.Converters;

/// <summary>OP_BACKUP_EXPORT's <c>target_node</c>: the node name (local) or the destination list (remote).</summary>
public sealed class ExportTargetConverter : JsonConverter<ExportTarget>
{
    public override ExportTarget Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Opcode parameters are only written");

    public override void Write(Utf8JsonWriter writer, ExportTarget value, JsonSerializerOptions options)
    {
        if (value.RemoteDisks is { } disks)
        {
            JsonSerializer.Serialize(writer, disks, options);
        }
        else
        {
            writer.WriteStringValue(value.Node);
        }
    }
}
