using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ganeti.Infrastructure.Luxi.Wire.Converters;

namespace Ganeti.Infrastructure.Luxi.Wire;

/// <summary>JSON settings for everything that crosses the LUXI socket.</summary>
public static class LuxiJson
{
    /// <summary>Options for opcodes and envelopes: Ganeti's snake_case names, wire enum names, nulls left out.</summary>
    public static readonly JsonSerializerOptions Options = Create(withOpCodes: true);

    /// <summary>The same without the opcode converter (used inside it).</summary>
    internal static readonly JsonSerializerOptions Plain = Create(withOpCodes: false);

    private static JsonSerializerOptions Create(bool withOpCodes)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new WireEnumConverterFactory());
        options.Converters.Add(new ReasonEntryConverter());
        options.Converters.Add(new OpDependencyConverter());
        if (withOpCodes)
        {
            options.Converters.Add(new OpCodeJsonConverter());
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
