using Ganeti.Application.Reads;

namespace Ganeti.Application.Nodes;

/// <summary>GET /2/nodes[?bulk=1]: an index of nodes, or every node in full.</summary>
public sealed record GetNodesQuery() : ResourceListQuery(RapiResources.Nodes);
