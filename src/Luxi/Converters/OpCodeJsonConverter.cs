using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Luxi.Converters;

/// <summary>
/// Writes an opcode as Ganeti's dict: <c>OP_ID</c> first, then every set parameter under its
/// snake_case name (unset optional parameters are left out so the master fills defaults).
/// Opcodes nested in parameters (OP_INSTANCE_MULTI_ALLOC's <c>instances</c>) are written the
/// same way, with their own <c>OP_ID</c>.
/// </summary>
public sealed class OpCodeJsonConverter : JsonConverter<OpCode>
{
    public const string OpIdKey = "OP_ID";

    public override bool CanConvert(Type typeToConvert) => typeof(OpCode).IsAssignableFrom(typeToConvert);

    public override OpCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Opcodes are read as JSON objects, not as Domain records");

    /// <summary>Writes the opcode's runtime type with the contract from <see cref="AddOpIdKey"/>.</summary>
    public override void Write(Utf8JsonWriter writer, OpCode value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, value.GetType(), LuxiJson.Plain);

    /// <summary>The opcode as a JSON object (for callers that build LUXI arguments).</summary>
    public static JsonObject ToJsonObject(OpCode op) => JsonSerializer.SerializeToNode(op, LuxiJson.Options)!.AsObject();

    /// <summary>
    /// Contract modifier for opcode records: replaces the computed <see cref="OpCode.OpId"/>
    /// property (which the naming policy would call <c>op_id</c>) with <c>OP_ID</c> in first place.
    /// </summary>
    internal static void AddOpIdKey(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(OpCode).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].AttributeProvider is System.Reflection.PropertyInfo { Name: nameof(OpCode.OpId) })
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }

        var opId = typeInfo.CreateJsonPropertyInfo(typeof(string), OpIdKey);
        opId.Get = op => ((OpCode)op).OpId;
        typeInfo.Properties.Insert(0, opId);
    }
}
