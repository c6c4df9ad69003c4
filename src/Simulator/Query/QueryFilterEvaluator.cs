using System.Text.Json.Nodes;
using Ganeti.Domain.Common;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Evaluates Query2 filters the way luxid does: a leaf whose field value is not
/// <see cref="ResultStatus.Normal"/> passes; comparisons need matching types (string with
/// string, number with integer) or fail with ParameterError; equality on host-name fields
/// accepts the short name; timestamp fields compare their seconds.
/// </summary>
public static class QueryFilterEvaluator
{
    /// <summary>
    /// Binds the filter's field names to <paramref name="table"/>; null when there is nothing
    /// to filter. Unknown fields fail with ParameterError "Can't find field named 'x'".
    /// </summary>
    public static Func<T, bool>? Compile<T>(QueryFilter filter, FieldTable<T> table)
    {
        foreach (var name in filter.Fields())
        {
            if (!table.TryGet(name, out _))
            {
                throw SimError.Parameter($"Can't find field named '{name}'");
            }
        }

        return filter is QueryFilter.Empty ? null : Build(filter, table);
    }

    /// <summary>Whether one field value passes the leaf filter <paramref name="leaf"/>.</summary>
    public static bool Matches(QueryFilter leaf, FieldValue value, FilterMode mode)
    {
        if (!value.IsNormal)
        {
            return true;
        }

        if (mode == FilterMode.Timestamp)
        {
            value = Seconds(value);
        }

        return leaf switch
        {
            QueryFilter.Truth => value.TryGetBool(out var flag)
                ? flag
                : throw SimError.Parameter($"Unexpected value '{Pretty(value)}' in boolean context"),
            QueryFilter.Comparison c => Compare(c.Operator, c.Value, value, mode),
            QueryFilter.RegexMatch r => RegexMatches(r, value),
            QueryFilter.Contains c => Contains(c.Value, value),
            _ => throw new ArgumentException("Not a leaf filter: " + leaf, nameof(leaf)),
        };
    }

    private static Func<T, bool> Build<T>(QueryFilter filter, FieldTable<T> table) => filter switch
    {
        QueryFilter.Empty => _ => true,
        QueryFilter.And and => All([.. and.Operands.Select(o => Build(o, table))]),
        QueryFilter.Or or => Any([.. or.Operands.Select(o => Build(o, table))]),
        QueryFilter.Not not => Negate(Build(not.Operand, table)),
        _ => Leaf(filter, table),
    };

    private static Func<T, bool> All<T>(Func<T, bool>[] operands) => item =>
    {
        foreach (var operand in operands)
        {
            if (!operand(item))
            {
                return false;
            }
        }

        return true;
    };

    private static Func<T, bool> Any<T>(Func<T, bool>[] operands) => item =>
    {
        foreach (var operand in operands)
        {
            if (operand(item))
            {
                return true;
            }
        }

        return false;
    };

    private static Func<T, bool> Negate<T>(Func<T, bool> operand) => item => !operand(item);

    private static Func<T, bool> Leaf<T>(QueryFilter leaf, FieldTable<T> table)
    {
        table.TryGet(leaf.Fields().Single(), out var field);
        return item => Matches(leaf, field!.Get(item), field.Mode);
    }

    private static FieldValue Seconds(FieldValue value) =>
        value.TryGetList(out var pair) && pair.Count == 2 && pair[0].TryGetNumber(out _, out _, out _) && pair[1].TryGetNumber(out _, out _, out _)
            ? pair[0]
            : throw new SimError("ProgrammerError", ["Internal error: Getter returned non-timestamp for QffTimestamp"], "Internal error: Getter returned non-timestamp for QffTimestamp");

    private static bool Compare(ComparisonOperator op, FilterValue expected, FieldValue actual, FilterMode mode)
    {
        if (op == ComparisonOperator.Equal && mode == FilterMode.Hostname)
        {
            if (actual.TryGetNumber(out _, out _, out _))
            {
                throw new SimError("ProgrammerError", ["QffHostname field returned a numeric value"], "QffHostname field returned a numeric value");
            }

            if (expected.IsText && actual.TryGetString(out var name))
            {
                return GanetiName.MatchesHostName(expected.Text!, name);
            }
        }

        int order;
        if (expected.IsText && actual.TryGetString(out var text))
        {
            order = string.CompareOrdinal(text, expected.Text);
        }
        else if (!expected.IsText && actual.TryGetNumber(out var integer, out var real, out var isInteger))
        {
            order = isInteger ? integer.CompareTo(expected.Number) : real.CompareTo((double)expected.Number);
        }
        else
        {
            throw SimError.Parameter($"Invalid types in comparison, trying to compare {Pretty(actual)} with '{expected}'");
        }

        return op switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private static bool RegexMatches(QueryFilter.RegexMatch filter, FieldValue actual)
    {
        if (!actual.TryGetString(out var text))
        {
            throw SimError.Parameter($"Invalid field value used in regexp matching, expecting string but got '{Pretty(actual)}'");
        }

        try
        {
            return filter.Pattern.IsMatch(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw SimError.Parameter($"Regular expression '{filter.Pattern}' took too long on '{text}'");
        }
    }

    /// <summary><c>=[]</c>: the field must be a list of strings (or of integers, for a numeric value).</summary>
    private static bool Contains(FilterValue expected, FieldValue actual)
    {
        if (!actual.TryGetList(out var items))
        {
            throw ConversionError(actual, "Unable to read list");
        }

        var found = false;
        foreach (var item in items)
        {
            if (expected.IsText)
            {
                if (!item.IsNormal || !item.TryGetString(out var text))
                {
                    throw ConversionError(actual, "Unable to read String");
                }

                found |= text == expected.Text;
            }
            else
            {
                if (!item.IsNormal || !item.TryGetNumber(out var integer, out _, out var isInteger) || !isInteger)
                {
                    throw ConversionError(actual, "Unable to read Integer");
                }

                found |= integer == expected.Number;
            }
        }

        return found;
    }

    private static SimError ConversionError(FieldValue value, string error) =>
        SimError.Generic($"Cannot convert value '{Pretty(value)}', error: {error}");

    private static string Pretty(FieldValue value) => HaskellText.Pretty(value.ToNode());
}
