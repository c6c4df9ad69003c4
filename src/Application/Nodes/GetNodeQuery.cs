using Ganeti.Application.Reads;

namespace Ganeti.Application.Nodes;

/// <summary>GET /2/nodes/{nodeName}[?lock=1]: one node in full, with <c>secondary_ip</c> beside <c>sip</c>.</summary>
public sealed record GetNodeQuery(string NodeName) : ResourceItemQuery(RapiResources.Nodes, NodeName);
