using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ganeti.Luxi.Converters;

namespace Ganeti.Luxi;

/// <summary>JSON settings for everything that crosses the LUXI socket.</summary>
public static class LuxiJson
{
    /// <summary>Options for opcodes and envelopes: Ganeti's snake_case names, wire enum names, nulls left out.</summary>
    public static readonly JsonSerializerOptions Options = Create(withOpCodes: true);

    /// <summary>
    /// The same without the opcode converter (used inside it): opcode records are written by
    /// their contract, which puts <c>OP_ID</c> first, so nested opcodes get one too.
    /// </summary>
    internal static readonly JsonSerializerOptions Plain = Create(withOpCodes: false);

    /// <summary>How a LUXI message is read: a name given twice is refused when parsing (JsonNode would otherwise throw later, wherever the object is first looked at).</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Parses LUXI JSON (a message, or a part of one) with <see cref="DocumentOptions"/>; throws
    /// <see cref="JsonException"/> if it is not valid, invalid UTF-8 included (JsonNode reads
    /// strings lazily and would otherwise fail wherever the value is first looked at).
    /// </summary>
    public static System.Text.Json.Nodes.JsonNode? Parse(ReadOnlySpan<byte> utf8) =>
        System.Text.Unicode.Utf8.IsValid(utf8)
            ? System.Text.Json.Nodes.JsonNode.Parse(utf8, documentOptions: DocumentOptions)
            : throw new JsonException("not valid UTF-8");

    private static JsonSerializerOptions Create(bool withOpCodes)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OpCodeJsonConverter.AddOpIdKey } },
        };
        options.Converters.Add(new WireEnumConverterFactory());
        options.Converters.Add(new ReasonEntryConverter());
        options.Converters.Add(new OpDependencyConverter());
        options.Converters.Add(new UidRangeConverter());
        options.Converters.Add(new OsListModificationConverter());
        options.Converters.Add(new ExportTargetConverter());
        options.Converters.Add(new DiskRecreationConverter());
        if (withOpCodes)
        {
            options.Converters.Add(new OpCodeJsonConverter());
        }

        options.MakeReadOnly();
        return options;
    }
}
