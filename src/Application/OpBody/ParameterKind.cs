using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;

namespace Ganeti.Application.OpBody;

/// <summary>
/// The type check of one opcode parameter, strict like Ganeti's: JSON booleans only for
/// booleans, integers where integers are expected, non-empty strings where required.
/// </summary>
public sealed record ParameterKind(string Name, Func<JsonNode?, bool> Accepts)
{
    public static readonly ParameterKind Bool = new("bool", n => IsKind(n, JsonValueKind.True) || IsKind(n, JsonValueKind.False));
    public static readonly ParameterKind MaybeBool = new("bool|null", n => n is null || Bool.Accepts(n));
    public static readonly ParameterKind NonNegativeInt = new("int>=0", n => TryInt(n, out var v) && v >= 0);
    public static readonly ParameterKind MaybeNonNegativeInt = new("int>=0|null", n => n is null || NonNegativeInt.Accepts(n));
    public static readonly ParameterKind String = new("str", n => IsKind(n, JsonValueKind.String));
    public static readonly ParameterKind MaybeString = new("str|null", n => n is null || String.Accepts(n));
    public static readonly ParameterKind NonEmptyString = new("nonempty-str", n => IsKind(n, JsonValueKind.String) && n!.GetValue<string>().Length > 0);
    public static readonly ParameterKind MaybeNonEmptyString = new("nonempty-str|null", n => n is null || NonEmptyString.Accepts(n));
    public static readonly ParameterKind Priority = new("priority", n => TryInt(n, out var v) && OpPriority.IsSubmittable(v));
    public static readonly ParameterKind Depends = new("depends", n => n is null || (n is JsonArray list && list.All(IsDependency)));
    public static readonly ParameterKind ReasonTrail = new("reason", n => n is JsonArray list && list.All(IsReasonEntry));

    public static ParameterKind OneOf<TEnum>()
        where TEnum : struct, Enum =>
        new(typeof(TEnum).Name, n => IsKind(n, JsonValueKind.String) && WireNames<TEnum>.IsKnown(n!.GetValue<string>()));

    public static ParameterKind MaybeOneOf<TEnum>()
        where TEnum : struct, Enum
    {
        var inner = OneOf<TEnum>();
        return new(inner.Name + "|null", n => n is null || inner.Accepts(n));
    }

    public static bool TryInt(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    private static bool IsKind(JsonNode? node, JsonValueKind kind) => node is JsonValue v && v.GetValueKind() == kind;

    private static bool IsDependency(JsonNode? node) =>
        node is JsonArray { Count: 2 } pair
        && TryInt(pair[0], out _)
        && pair[1] is JsonArray statuses
        && statuses.All(s => IsKind(s, JsonValueKind.String) && WireNames<JobStatus>.TryParse(s!.GetValue<string>(), out var st) && st.IsFinalized());

    private static bool IsReasonEntry(JsonNode? node) =>
        node is JsonArray { Count: 3 } entry
        && IsKind(entry[0], JsonValueKind.String)
        && IsKind(entry[1], JsonValueKind.String)
        && TryInt(entry[2], out _);
}
