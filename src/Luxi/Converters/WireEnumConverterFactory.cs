using System.Text.Json;
using System.Text.Json.Serialization;
using Ganeti.Domain.Common;

namespace Ganeti.Luxi.Converters;

/// <summary>Writes and reads Domain enums as their Ganeti wire names.</summary>
public sealed class WireEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(WireEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            WireNames<TEnum>.TryParse(reader.GetString(), out var value)
                ? value
                : throw new JsonException($"'{reader.GetString()}' is not a valid {typeof(TEnum).Name}");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(WireNames<TEnum>.ToWire(value));

        /// <summary>Enum-keyed dictionaries (e.g. <c>diskparams</c> by disk template) use the wire names as keys.</summary>
        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(WireNames<TEnum>.ToWire(value));
    }
}
