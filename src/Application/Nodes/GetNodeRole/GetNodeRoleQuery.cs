using Ganeti.Application.Operations;
using Ganeti.Domain.Nodes;
using Mediator;

namespace Ganeti.Application.Nodes.GetNodeRole;

/// <summary>GET /2/nodes/{nodeName}/role[?lock=1]: the node's role as a JSON string.</summary>
public sealed record GetNodeRoleQuery(string NodeName) : IQuery<NodeRole>
{
    [Query("lock")]
    public bool UseLocking { get; init; }
}
