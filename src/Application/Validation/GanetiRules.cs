using FluentValidation;
using Ganeti.Domain.Common;

namespace Ganeti.Application.Validation;

/// <summary>Validation rules shared by commands and queries, worded like Ganeti's errors.</summary>
public static class GanetiRules
{
    public static IRuleBuilderOptions<T, string> IsGanetiName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(GanetiName.IsValid).WithMessage("Invalid name '{PropertyValue}'");
}
