using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.OpBody;

/// <summary>Typed reads of a body that <see cref="OpBodyChecker"/> accepted.</summary>
public static class OpBodyReader
{
    public static bool? Bool(this JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static int? Int(this JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public static string? String(this JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static TEnum? Enum<TEnum>(this JsonObject? body, string name)
        where TEnum : struct, System.Enum =>
        WireNames<TEnum>.TryParse(body.String(name), out var value) ? value : null;

    /// <summary>Copies the common opcode parameters a body may carry onto <paramref name="op"/>.</summary>
    public static TOp WithCommonParameters<TOp>(this TOp op, JsonObject? body)
        where TOp : OpCode =>
        op with
        {
            DryRun = op.DryRun ?? body.Bool("dry_run"),
            DebugLevel = body.Int("debug_level"),
            Priority = body.Int("priority"),
            Depends = ReadDepends(body?["depends"]),
            Comment = body.String("comment"),
        };

    private static List<OpDependency>? ReadDepends(JsonNode? node) =>
        node is not JsonArray list
            ? null
            : [.. list.OfType<JsonArray>().Select(pair => new OpDependency(
                pair[0]!.GetValue<long>(),
                [.. pair[1]!.AsArray().Select(s => WireNames<JobStatus>.Parse(s!.GetValue<string>()))]))];
}
