using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Networks;

/// <summary>DELETE /2/networks/{networkName}?dry-run=: removes a network no group is connected to; the body may give <c>force</c>.</summary>
[OpResource("networks_name")]
public sealed record RemoveNetworkCommand(string NetworkName) : OpCommand<OpNetworkRemove>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
