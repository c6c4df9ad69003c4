using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ganeti.Simulator.Query;

/// <summary>A filter that cannot be read; luxid answers "Failed to parse request: …" for it.</summary>
public sealed class QueryFilterParseException(string message) : Exception(message);

/// <summary>
/// Reads Query2 filters from their JSON list form (<c>["&amp;", ["==", "name", "web1"], …]</c>)
/// with luxid's operators and error texts.
/// </summary>
public static class QueryFilterParser
{
    /// <summary>Regular expressions may not run longer than this per value.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Parses a filter; JSON null is no filter.</summary>
    public static QueryFilter Parse(JsonNode? node)
    {
        if (node is null)
        {
            return QueryFilter.None;
        }

        if (node is not JsonArray array || array.Count == 0 || array[0] is not JsonValue first || first.GetValueKind() != JsonValueKind.String)
        {
            throw Error("Cannot deserialise filter: expected array [string, args], got " + HaskellText.Pretty(node));
        }

        var op = first.GetValue<string>();
        var args = array.Skip(1).ToList();
        return op switch
        {
            "&" => new QueryFilter.And([.. args.Select(Parse)]),
            "|" => new QueryFilter.Or([.. args.Select(Parse)]),
            "!" => args.Count == 1
                ? new QueryFilter.Not(Parse(args[0]))
                : throw Error("Cannot deserialise field, expected [filter] but got " + HaskellText.Pretty(ArgsNode(args))),
            "?" => args.Count == 1
                ? new QueryFilter.Truth(FieldName(args[0]))
                : throw Error("Cannot deserialise field, expected [fieldname] but got " + HaskellText.Pretty(ArgsNode(args))),
            "==" or "=" => FieldAndValue(args, (f, v) => new QueryFilter.Comparison(ComparisonOperator.Equal, f, Value(v))),
            "!=" => FieldAndValue(args, (f, v) => new QueryFilter.Not(new QueryFilter.Comparison(ComparisonOperator.Equal, f, Value(v)))),
            "<" => FieldAndValue(args, (f, v) => new QueryFilter.Comparison(ComparisonOperator.Less, f, Value(v))),
            ">" => FieldAndValue(args, (f, v) => new QueryFilter.Comparison(ComparisonOperator.Greater, f, Value(v))),
            "<=" => FieldAndValue(args, (f, v) => new QueryFilter.Comparison(ComparisonOperator.LessOrEqual, f, Value(v))),
            ">=" => FieldAndValue(args, (f, v) => new QueryFilter.Comparison(ComparisonOperator.GreaterOrEqual, f, Value(v))),
            "=~" => FieldAndValue(args, (f, v) => new QueryFilter.RegexMatch(f, Regex(v))),
            "=[]" => FieldAndValue(args, (f, v) => new QueryFilter.Contains(f, Value(v))),
            _ => throw Error($"Unknown filter operand '{op}'"),
        };
    }

    /// <summary>
    /// A parsed filter written back the way luxid writes it: the legacy <c>=</c> as <c>==</c>,
    /// <c>!=</c> as <c>["!", ["==", …]]</c> (which it parses to), other operators as given.
    /// </summary>
    public static JsonNode? ToJson(QueryFilter filter) => filter switch
    {
        QueryFilter.Empty => null,
        QueryFilter.And and => new JsonArray(["&", .. and.Operands.Select(ToJson)]),
        QueryFilter.Or or => new JsonArray(["|", .. or.Operands.Select(ToJson)]),
        QueryFilter.Not not => new JsonArray("!", ToJson(not.Operand)),
        QueryFilter.Truth truth => new JsonArray("?", truth.Field),
        QueryFilter.Comparison c => new JsonArray(
            c.Operator switch
            {
                ComparisonOperator.Equal => "==",
                ComparisonOperator.Less => "<",
                ComparisonOperator.LessOrEqual => "<=",
                ComparisonOperator.Greater => ">",
                _ => ">=",
            },
            c.Field,
            ValueJson(c.Value)),
        QueryFilter.RegexMatch r => new JsonArray("=~", r.Field, r.Pattern.ToString()),
        QueryFilter.Contains c => new JsonArray("=[]", c.Field, ValueJson(c.Value)),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
    };

    private static JsonNode ValueJson(FilterValue value) => value.IsText ? JsonValue.Create(value.Text!) : JsonValue.Create(value.Number);

    /// <summary>A filter value: a string or an integral number (Ganeti's <c>readFilterValue</c>).</summary>
    public static FilterValue Value(JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return FilterValue.Of(value.GetValue<string>());
        }

        if (HaskellText.TryReadRational(node, out var numerator, out var denominator))
        {
            if (!denominator.IsOne)
            {
                throw Error("Cannot deserialise numeric filter value, expecting integral but got a fractional value: "
                    + HaskellText.ShowRational(numerator, denominator));
            }

            if (numerator < long.MinValue || numerator > long.MaxValue)
            {
                throw Error("Cannot deserialise numeric filter value, out of range: " + numerator);
            }

            return FilterValue.Of((long)numerator);
        }

        throw Error("Cannot deserialise filter value, expecting string or integer, got " + HaskellText.Pretty(node));
    }

    private static QueryFilter FieldAndValue(List<JsonNode?> args, Func<string, JsonNode?, QueryFilter> build) =>
        args.Count == 2
            ? build(FieldName(args[0]), args[1])
            : throw Error("Cannot deserialise field/value pair, expected [fieldname, value] but got " + HaskellText.Pretty(ArgsNode(args)));

    private static string FieldName(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Error("Unable to read String");

    private static Regex Regex(JsonNode? node)
    {
        var pattern = FieldName(node);
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw Error($"Invalid regular expression '{pattern}': {ex.Message}");
        }
    }

    private static JsonArray ArgsNode(List<JsonNode?> args) => [.. args.Select(a => a?.DeepClone())];

    private static QueryFilterParseException Error(string message) => new(message);
}
