using FluentValidation;
using Ganeti.Application.Validation;

namespace Ganeti.Application.Nodes.GetNodeRole;

public sealed class GetNodeRoleQueryValidator : AbstractValidator<GetNodeRoleQuery>
{
    public GetNodeRoleQueryValidator() => RuleFor(q => q.NodeName).IsGanetiName();
}
