using FluentValidation;
using Ganeti.Application.Validation;

namespace Ganeti.Application.Nodes.EvacuateNode;

public sealed class EvacuateNodeCommandValidator : AbstractValidator<EvacuateNodeCommand>
{
    public EvacuateNodeCommandValidator()
    {
        RuleFor(c => c.NodeName).IsGanetiName();
        RuleFor(c => c.Body).IsOpBody(EvacuateNodeBody.Definition, EvacuateNodeBody.Statics);
    }
}
