using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Networks;

/// <summary>POST /2/networks?dry-run=: creates a network; the body is OP_NETWORK_ADD's (<c>name</c> is taken for <c>network_name</c>).</summary>
[OpResource("networks", Renames = ["name:network_name"])]
public sealed record AddNetworkCommand : OpCommand<OpNetworkAdd>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
