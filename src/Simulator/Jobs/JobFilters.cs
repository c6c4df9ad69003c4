using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Jobs;

/// <summary>What the filter rules decide for a queued job.</summary>
public enum FilterVerdict
{
    Accept,
    Pause,
    Reject,
    RateLimited,
}

/// <summary>
/// Ganeti's job filter rules (design-optables): rules are tried by priority (then uuid) on
/// jobs newer than their watermark; a rule matches when all its predicates do (<c>jobid</c>
/// on the job id, <c>opcode</c> on any opcode, <c>reason</c> on any reason-trail entry).
/// The first matching rule that is not CONTINUE decides: ACCEPT runs the job, PAUSE keeps it
/// queued, REJECT cancels it, <c>["RATE_LIMIT", n]</c> lets at most n matching jobs run.
/// </summary>
public static class JobFilters
{
    public static (FilterVerdict Verdict, FilterRule? Rule) Decide(IEnumerable<FilterRule> rules, Job job, Func<FilterRule, int> runningMatching)
    {
        foreach (var rule in rules.OrderBy(r => r.Priority).ThenBy(r => r.Uuid, StringComparer.Ordinal))
        {
            if (job.Id <= rule.Watermark || !Matches(rule, job))
            {
                continue;
            }

            switch (rule.Action)
            {
                case JsonValue v when v.TryGetValue<string>(out var action):
                    switch (action)
                    {
                        case "ACCEPT":
                            return (FilterVerdict.Accept, rule);
                        case "PAUSE":
                            return (FilterVerdict.Pause, rule);
                        case "REJECT":
                            return (FilterVerdict.Reject, rule);
                    }

                    continue; // CONTINUE
                case JsonArray { Count: 2 } limit when limit[1] is JsonValue n && n.TryGetValue<int>(out var max):
                    return runningMatching(rule) >= max ? (FilterVerdict.RateLimited, rule) : (FilterVerdict.Accept, rule);
            }
        }

        return (FilterVerdict.Accept, null);
    }

    public static bool Matches(FilterRule rule, Job job) =>
        rule.Predicates.OfType<JsonArray>().All(p => PredicateMatches(p, job));

    /// <summary>Checks a rule's parts the way luxid parses them; returns the problem, or null.</summary>
    public static string? Validate(JsonNode? priority, JsonNode? predicates, JsonNode? action)
    {
        if (priority is not JsonValue p || !p.TryGetValue<long>(out var value) || value < 0)
        {
            return $"malformed priority: {priority?.ToJsonString() ?? "null"}";
        }

        var validAction = action switch
        {
            JsonValue v when v.TryGetValue<string>(out var a) => a is "ACCEPT" or "PAUSE" or "REJECT" or "CONTINUE",
            JsonArray { Count: 2 } l when l[0] is JsonValue k && k.TryGetValue<string>(out var kind) && kind == "RATE_LIMIT"
                && l[1] is JsonValue n && n.TryGetValue<int>(out var max) && max > 0 => true,
            _ => false,
        };
        if (!validAction)
        {
            return "malformed FilterAction JSON: " + (action?.ToJsonString() ?? "null");
        }

        if (predicates is not JsonArray list)
        {
            return "malformed FilterPredicate JSON: " + (predicates?.ToJsonString() ?? "null");
        }

        foreach (var predicate in list)
        {
            if (predicate is not JsonArray { Count: 2 } pair || pair[0] is not JsonValue kind || !kind.TryGetValue<string>(out var name) || name is not ("jobid" or "opcode" or "reason"))
            {
                return "malformed FilterPredicate JSON: " + (predicate?.ToJsonString() ?? "null");
            }

            try
            {
                QueryFilterParser.Parse(pair[1]);
            }
            catch (QueryFilterParseException ex)
            {
                return ex.Message;
            }
        }

        return null;
    }

    /// <summary>Each rule predicate's filter, parsed once (rules are replaced, never changed in place).</summary>
    private static readonly ConditionalWeakTable<JsonArray, QueryFilter> Parsed = [];

    private static bool PredicateMatches(JsonArray predicate, Job job)
    {
        var filter = Parsed.GetValue(predicate, p => QueryFilterParser.Parse(p[1]));
        return predicate[0]!.GetValue<string>() switch
        {
            "jobid" => Evaluate(filter, f => f == "id" ? job.Id : null),
            "opcode" => job.Ops.Any(op => Evaluate(filter, f => op.Input[f])),
            "reason" => job.Ops.SelectMany(op => op.Input["reason"] as JsonArray ?? []).OfType<JsonArray>().Any(entry => Evaluate(filter, f => f switch
            {
                "source" => entry[0],
                "reason" => entry[1],
                "timestamp" => entry[2],
                _ => null,
            })),
            _ => false,
        };
    }

    /// <summary>Evaluates a filter on a JSON object's members (a missing member never matches a leaf).</summary>
    public static bool Evaluate(QueryFilter filter, Func<string, JsonNode?> field) => filter switch
    {
        QueryFilter.Empty => true,
        QueryFilter.And and => and.Operands.All(o => Evaluate(o, field)),
        QueryFilter.Or or => or.Operands.Any(o => Evaluate(o, field)),
        QueryFilter.Not not => !Evaluate(not.Operand, field),
        QueryFilter.Truth truth => field(truth.Field) is JsonValue b && b.GetValueKind() == JsonValueKind.True,
        QueryFilter.Comparison c => Compare(c.Operator, field(c.Field), c.Value),
        QueryFilter.RegexMatch r => field(r.Field) is JsonValue s && s.TryGetValue<string>(out var text) && r.Pattern.IsMatch(text),
        QueryFilter.Contains c => field(c.Field) is JsonArray list && list.Any(item => Compare(ComparisonOperator.Equal, item, c.Value)),
        _ => false,
    };

    private static bool Compare(ComparisonOperator op, JsonNode? actual, FilterValue expected)
    {
        int order;
        if (expected.IsText)
        {
            if (actual is not JsonValue v || !v.TryGetValue<string>(out var text))
            {
                return false;
            }

            order = string.CompareOrdinal(text, expected.Text);
        }
        else
        {
            if (actual is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            {
                return false;
            }

            order = double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture).CompareTo(expected.Number);
        }

        return op switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            ComparisonOperator.GreaterOrEqual => order >= 0,
            _ => false,
        };
    }
}
