using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Networks;

/// <summary>
/// PUT /2/networks/{networkName}/modify: changes a network's gateways, IPv6 range, MAC prefix or
/// reserved addresses; the body is OP_NETWORK_SET_PARAMS's. As in Ganeti, <c>?dry-run</c> is
/// not read here (a dry run is asked for in the body).
/// </summary>
[OpResource("networks_name_modify")]
public sealed record ModifyNetworkCommand(string NetworkName) : OpCommand<OpNetworkSetParams>;
