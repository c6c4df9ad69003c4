using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.OpBody;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Mapster;
using Mediator;

namespace Ganeti.Application.Instances.RebootInstance;

public sealed class RebootInstanceCommandHandler(IGanetiJobQueue jobs, TimeProvider clock, TypeAdapterConfig mapping)
    : ICommandHandler<RebootInstanceCommand, JobId>
{
    public async ValueTask<JobId> Handle(RebootInstanceCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body as JsonObject;
        var op = command.Adapt<OpInstanceReboot>(mapping).WithCommonParameters(body) with
        {
            InstanceUuid = body.String("instance_uuid"),
            ShutdownTimeout = body.Int("shutdown_timeout"),
            Reason = ReasonTrail.ForRapi(RebootInstanceBody.Resource, command.Reason, clock.GetUtcNow()),
        };
        return await jobs.SubmitAsync([op], cancellationToken).ConfigureAwait(false);
    }
}
