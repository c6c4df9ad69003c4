using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Networks;

/// <summary>PUT /2/networks/{networkName}/connect?dry-run=: connects a network to a node group; the body gives <c>group_name</c>, <c>network_mode</c>, <c>network_link</c> and optionally <c>network_vlan</c>, <c>conflicts_check</c>.</summary>
[OpResource("networks_name_connect")]
public sealed record ConnectNetworkCommand(string NetworkName) : OpCommand<OpNetworkConnect>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
