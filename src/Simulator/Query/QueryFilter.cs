using System.Globalization;
using System.Text.RegularExpressions;

namespace Ganeti.Simulator.Query;

/// <summary>The comparison operators of the query filter language.</summary>
public enum ComparisonOperator
{
    /// <summary><c>==</c> (and the legacy <c>=</c>); <c>!=</c> is parsed as a negated equality.</summary>
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>A value in a filter: a string or an integer (Ganeti's <c>FilterValue</c>).</summary>
public readonly record struct FilterValue
{
    private FilterValue(string? text, long number)
    {
        Text = text;
        Number = number;
    }

    public string? Text { get; }

    public long Number { get; }

    public bool IsText => Text is not null;

    public static FilterValue Of(string text) => new(text, 0);

    public static FilterValue Of(long number) => new(null, number);

    /// <summary>Haskell's <c>show</c> of the value, as luxid's error messages print it.</summary>
    public override string ToString() =>
        Text is not null
            ? "QuotedString " + HaskellText.Show(Text)
            : "NumericValue " + (Number < 0 ? "(" + Number.ToString(CultureInfo.InvariantCulture) + ")" : Number.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// A query filter (Query2's <c>qfilter</c>): a tree of boolean operators whose leaves test
/// one field. Parsed from its JSON list form by <see cref="QueryFilterParser"/>.
/// </summary>
public abstract record QueryFilter
{
    /// <summary>No filter: every item passes.</summary>
    public static readonly QueryFilter None = new Empty();

    /// <summary>The field names the filter refers to, in order.</summary>
    public abstract IEnumerable<string> Fields();

    /// <summary>
    /// The values of a filter made only of ORs of equalities on <paramref name="nameField"/>
    /// (luxid then looks the names up directly); null for any other filter.
    /// </summary>
    public virtual IReadOnlyList<FilterValue>? RequestedNames(string nameField) => null;

    public sealed record Empty : QueryFilter
    {
        public override IEnumerable<string> Fields() => [];

        public override IReadOnlyList<FilterValue>? RequestedNames(string nameField) => [];
    }

    public sealed record And(IReadOnlyList<QueryFilter> Operands) : QueryFilter
    {
        public override IEnumerable<string> Fields() => Operands.SelectMany(o => o.Fields());
    }

    public sealed record Or(IReadOnlyList<QueryFilter> Operands) : QueryFilter
    {
        public override IEnumerable<string> Fields() => Operands.SelectMany(o => o.Fields());

        public override IReadOnlyList<FilterValue>? RequestedNames(string nameField)
        {
            var names = new List<FilterValue>();
            foreach (var operand in Operands)
            {
                var inner = operand.RequestedNames(nameField);
                if (inner is null)
                {
                    return null;
                }

                names.AddRange(inner);
            }

            return names;
        }
    }

    public sealed record Not(QueryFilter Operand) : QueryFilter
    {
        public override IEnumerable<string> Fields() => Operand.Fields();
    }

    /// <summary><c>["?", field]</c>: the boolean field is true.</summary>
    public sealed record Truth(string Field) : QueryFilter
    {
        public override IEnumerable<string> Fields() => [Field];
    }

    public sealed record Comparison(ComparisonOperator Operator, string Field, FilterValue Value) : QueryFilter
    {
        public override IEnumerable<string> Fields() => [Field];

        public override IReadOnlyList<FilterValue>? RequestedNames(string nameField) =>
            Operator == ComparisonOperator.Equal && Field == nameField ? [Value] : null;
    }

    /// <summary><c>["=~", field, regex]</c>: an unanchored regular expression search.</summary>
    public sealed record RegexMatch(string Field, Regex Pattern) : QueryFilter
    {
        public override IEnumerable<string> Fields() => [Field];
    }

    /// <summary><c>["=[]", field, value]</c>: the list field contains the value.</summary>
    public sealed record Contains(string Field, FilterValue Value) : QueryFilter
    {
        public override IEnumerable<string> Fields() => [Field];
    }
}
