using FluentValidation;
using Ganeti.Application.Validation;

namespace Ganeti.Application.Instances.GetInstance;

public sealed class GetInstanceQueryValidator : AbstractValidator<GetInstanceQuery>
{
    public GetInstanceQueryValidator() => RuleFor(q => q.InstanceName).IsGanetiName();
}
