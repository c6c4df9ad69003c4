using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Mediator;

namespace Ganeti.Application.Filters;

/// <summary>DELETE /2/filters/{filterUuid}: removes a filter rule; answers null, or 404 for a rule the master does not have.</summary>
public sealed record DeleteFilterCommand(string FilterUuid) : ICommand<JsonNode?>;

public sealed class DeleteFilterCommandValidator : AbstractValidator<DeleteFilterCommand>
{
    public DeleteFilterCommandValidator() =>
        RuleFor(c => c.FilterUuid).Must(u => Guid.TryParseExact(u, "D", out _)).WithMessage("Invalid filter uuid '{PropertyValue}'");
}

public sealed class DeleteFilterCommandHandler(IGanetiQueries queries, IGanetiFilters filters) : ICommandHandler<DeleteFilterCommand, JsonNode?>
{
    public async ValueTask<JsonNode?> Handle(DeleteFilterCommand command, CancellationToken cancellationToken)
    {
        var rows = await queries.QueryFiltersAsync([command.FilterUuid], ["uuid"], cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new NotFoundException(string.Empty);
        }

        await filters.DeleteAsync(command.FilterUuid, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
