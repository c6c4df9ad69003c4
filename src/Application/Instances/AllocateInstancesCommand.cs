using System.Text.Json.Nodes;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>
/// POST /2/instances-multi-alloc?dry-run=: allocates several instances at once
/// (OP_INSTANCE_MULTI_ALLOC). The body's <c>instances</c> is required; each entry is checked as an
/// instance creation (with <c>name</c> and <c>os</c>, no <c>__version__</c>); the other keys
/// (<c>iallocator</c>, <c>opportunistic_locking</c>) go to the opcode. The job's result lists the
/// allocatable and failed instances and the creation jobs it submitted.
/// </summary>
[OpResource("instances_multi_alloc")]
public sealed record AllocateInstancesCommand : OpCommand<OpInstanceMultiAlloc>, IBodyRewriter
{
    [Query("dry-run")]
    public bool DryRun { get; init; }

    public JsonNode? RewriteBody(out string? error)
    {
        error = InstanceRequests.MultiAllocError(Body);
        return error is null ? InstanceRequests.MultiAllocBody(Body) : null;
    }
}
