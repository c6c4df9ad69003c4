using Ganeti.Domain.Nodes;
using Mediator;

namespace Ganeti.Application.Nodes.GetNodeRole;

/// <summary>GET /2/nodes/{name}/role.</summary>
public sealed record GetNodeRoleQuery(string NodeName, bool UseLocking) : IQuery<NodeRole>;
