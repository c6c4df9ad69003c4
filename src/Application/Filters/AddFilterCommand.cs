using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.Abstractions;
using Mediator;

namespace Ganeti.Application.Filters;

/// <summary>POST /2/filters: adds a filter rule; answers its new uuid.</summary>
public sealed record AddFilterCommand : ICommand<string>
{
    public JsonNode? Body { get; init; }
}

public sealed class AddFilterCommandValidator : AbstractValidator<AddFilterCommand>
{
    public AddFilterCommandValidator() => RuleFor(c => c.Body).Custom((body, context) =>
        {
            if (FilterRule.Check(body) is { } error)
            {
                context.AddFailure("body", error);
            }
        });
}

public sealed class AddFilterCommandHandler(IGanetiFilters filters) : ICommandHandler<AddFilterCommand, string>
{
    public async ValueTask<string> Handle(AddFilterCommand command, CancellationToken cancellationToken)
    {
        var rule = FilterRule.FromBody(command.Body);
        return await filters.ReplaceAsync(null, rule.Priority, rule.Predicates, rule.Action, rule.Reason, cancellationToken).ConfigureAwait(false);
    }
}
