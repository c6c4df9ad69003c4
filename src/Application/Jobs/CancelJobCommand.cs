using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.Abstractions;
using Ganeti.Domain.Jobs;
using Mediator;

namespace Ganeti.Application.Jobs;

/// <summary>DELETE /2/jobs/{jobId}: cancels a job that has not started; answers <c>[done, message]</c> as the master does.</summary>
public sealed record CancelJobCommand(long JobId) : ICommand<JsonNode>;

public sealed class CancelJobCommandValidator : AbstractValidator<CancelJobCommand>
{
    public CancelJobCommandValidator() => RuleFor(c => c.JobId).GreaterThanOrEqualTo(0);
}

public sealed class CancelJobCommandHandler(IGanetiJobQueue jobs) : ICommandHandler<CancelJobCommand, JsonNode>
{
    public async ValueTask<JsonNode> Handle(CancelJobCommand command, CancellationToken cancellationToken)
    {
        var result = await jobs.CancelAsync(new JobId(command.JobId), kill: false, cancellationToken).ConfigureAwait(false);
        return new JsonArray(result.Success, result.Message);
    }
}
