using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Infrastructure.Luxi.Wire.Converters;

/// <summary>
/// Writes an opcode as Ganeti's dict: <c>OP_ID</c> first, then every set parameter under its
/// snake_case name (unset optional parameters are left out so the master fills defaults).
/// </summary>
public sealed class OpCodeJsonConverter : JsonConverter<OpCode>
{
    public const string OpIdKey = "OP_ID";

    public override bool CanConvert(Type typeToConvert) => typeof(OpCode).IsAssignableFrom(typeToConvert);

    public override OpCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Opcodes are read as JSON objects, not as Domain records");

    public override void Write(Utf8JsonWriter writer, OpCode value, JsonSerializerOptions options)
    {
        var body = JsonSerializer.SerializeToNode(value, value.GetType(), LuxiJson.Plain)!.AsObject();
        writer.WriteStartObject();
        writer.WriteString(OpIdKey, value.OpId);
        foreach (var (key, node) in body)
        {
            if (key == "op_id")
            {
                continue;
            }

            writer.WritePropertyName(key);
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer, options);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The opcode as a JSON object (for callers that build LUXI arguments).</summary>
    public static JsonObject ToJsonObject(OpCode op) => JsonSerializer.SerializeToNode(op, LuxiJson.Options)!.AsObject();
}
