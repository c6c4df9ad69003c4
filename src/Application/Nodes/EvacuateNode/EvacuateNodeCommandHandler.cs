using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.OpBody;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Mapster;
using Mediator;

namespace Ganeti.Application.Nodes.EvacuateNode;

public sealed class EvacuateNodeCommandHandler(IGanetiJobQueue jobs, TimeProvider clock, TypeAdapterConfig mapping)
    : ICommandHandler<EvacuateNodeCommand, JobId>
{
    public async ValueTask<JobId> Handle(EvacuateNodeCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body as JsonObject;
        var op = command.Adapt<OpNodeEvacuate>(mapping).WithCommonParameters(body) with
        {
            NodeUuid = body.String("node_uuid"),
            RemoteNode = body.String("remote_node"),
            RemoteNodeUuid = body.String("remote_node_uuid"),
            Iallocator = body.String("iallocator"),
            EarlyRelease = body.Bool("early_release"),
            IgnoreSoftErrors = body.Bool("ignore_soft_errors"),
            Reason = ReasonTrail.ForRapi(EvacuateNodeBody.Resource, command.Reason, clock.GetUtcNow()),
        };
        return await jobs.SubmitAsync([op], cancellationToken).ConfigureAwait(false);
    }
}
