using FluentValidation;

namespace Ganeti.Application.Operations;

/// <summary>
/// The validation every opcode command gets: its input must make a valid opcode
/// (<see cref="OpInput.Check"/>). A command's own rules, added first by its generated
/// validator's <c>Rules()</c>, stop the check at their first failure, as Ganeti's handlers
/// check their resource-specific input before they build the opcode.
/// </summary>
public abstract class OpCommandValidator<TCommand> : AbstractValidator<TCommand>
    where TCommand : IOpRequest
{
    protected OpCommandValidator() => ClassLevelCascadeMode = CascadeMode.Stop;

    /// <summary>Adds the opcode check; generated validators call it after the command's own rules.</summary>
    protected void AddCommonRules() =>
        RuleFor(c => c).Custom((command, context) =>
        {
            if (OpInput.Check(command) is { } error)
            {
                context.AddFailure("body", error);
            }
        });
}
