using System.Text.Json;
using System.Text.Json.Serialization;
using Ganeti.Domain.Cluster;
using Ganeti.Domain.Common;

namespace Ganeti.Luxi.Converters;

/// <summary>A uid range as Ganeti writes it: <c>[first, last]</c>.</summary>
public sealed class UidRangeConverter : JsonConverter<UidRange>
{
    public override UidRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Opcode parameters are only written");

    public override void Write(Utf8JsonWriter writer, UidRange value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.First);
        writer.WriteNumberValue(value.Last);
        writer.WriteEndArray();
    }
}

/// <summary>A hidden/blacklisted OS list change as Ganeti writes it: <c>[action, os_name]</c>.</summary>
public sealed class OsListModificationConverter : JsonConverter<OsListModification>
{
    public override OsListModification Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Opcode parameters are only written");

    public override void Write(Utf8JsonWriter writer, OsListModification value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(WireNames<DdmSimple>.ToWire(value.Action));
        writer.WriteStringValue(value.OsName);
        writer.WriteEndArray();
    }
}
