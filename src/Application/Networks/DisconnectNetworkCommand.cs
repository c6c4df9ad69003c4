using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Networks;

/// <summary>PUT /2/networks/{networkName}/disconnect?dry-run=: disconnects a network from a node group; the body gives <c>group_name</c>.</summary>
[OpResource("networks_name_disconnect")]
public sealed record DisconnectNetworkCommand(string NetworkName) : OpCommand<OpNetworkDisconnect>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
