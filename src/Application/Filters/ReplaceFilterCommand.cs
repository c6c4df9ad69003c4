using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.Abstractions;
using Mediator;

namespace Ganeti.Application.Filters;

/// <summary>PUT /2/filters/{filterUuid}: replaces a filter rule, or adds it under that uuid; answers the uuid.</summary>
public sealed record ReplaceFilterCommand(string FilterUuid) : ICommand<string>
{
    public JsonNode? Body { get; init; }
}

public sealed class ReplaceFilterCommandValidator : AbstractValidator<ReplaceFilterCommand>
{
    public ReplaceFilterCommandValidator()
    {
        RuleFor(c => c.FilterUuid).Must(u => Guid.TryParseExact(u, "D", out _)).WithMessage("Invalid filter uuid '{PropertyValue}'");
        RuleFor(c => c.Body).Custom((body, context) =>
        {
            if (FilterRule.Check(body) is { } error)
            {
                context.AddFailure("body", error);
            }
        });
    }
}

public sealed class ReplaceFilterCommandHandler(IGanetiFilters filters) : ICommandHandler<ReplaceFilterCommand, string>
{
    public async ValueTask<string> Handle(ReplaceFilterCommand command, CancellationToken cancellationToken)
    {
        var rule = FilterRule.FromBody(command.Body);
        return await filters.ReplaceAsync(command.FilterUuid, rule.Priority, rule.Predicates, rule.Action, rule.Reason, cancellationToken).ConfigureAwait(false);
    }
}
