using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.OpBody;
using Ganeti.Domain.Common;

namespace Ganeti.Application.Validation;

/// <summary>Validation rules shared by commands and queries, worded like Ganeti's errors.</summary>
public static class GanetiRules
{
    public static IRuleBuilderOptions<T, string> IsGanetiName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(GanetiName.IsValid).WithMessage("Invalid name '{PropertyValue}'");

    /// <summary>
    /// The body must be acceptable to <paramref name="op"/> given the parameters the URL and
    /// query already set (<paramref name="statics"/>).
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, JsonNode?> IsOpBody<T>(this IRuleBuilder<T, JsonNode?> rule, OpDefinition op, IReadOnlyCollection<string> statics) =>
        rule.Custom((value, context) =>
        {
            var error = OpBodyChecker.Check(value, op, statics);
            if (error is not null)
            {
                context.AddFailure("body", error);
            }
        });
}
