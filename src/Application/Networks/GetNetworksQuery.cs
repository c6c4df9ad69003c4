using Ganeti.Application.Reads;

namespace Ganeti.Application.Networks;

/// <summary>GET /2/networks[?bulk=1]: an index of networks, or every network in full.</summary>
public sealed record GetNetworksQuery() : ResourceListQuery(RapiResources.Networks);
