using FluentValidation;
using Ganeti.Application.Validation;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;

namespace Ganeti.Application.Instances.RebootInstance;

public sealed class RebootInstanceCommandValidator : AbstractValidator<RebootInstanceCommand>
{
    public RebootInstanceCommandValidator()
    {
        RuleFor(c => c.InstanceName).IsGanetiName();
        RuleFor(c => c.RebootType)
            .Must(t => t is null || WireNames<RebootType>.IsKnown(t))
            .WithMessage("Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.reboot_type' fails validation\", 'wrong_input')");
        RuleFor(c => c.Body).IsOpBody(RebootInstanceBody.Definition, RebootInstanceBody.Statics);
    }
}
