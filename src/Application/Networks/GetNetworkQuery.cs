using Ganeti.Application.Reads;

namespace Ganeti.Application.Networks;

/// <summary>GET /2/networks/{networkName}[?lock=1]: one network in full.</summary>
public sealed record GetNetworkQuery(string NetworkName) : ResourceItemQuery(RapiResources.Networks, NetworkName);
