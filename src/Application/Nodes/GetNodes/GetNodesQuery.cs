using System.Text.Json.Nodes;
using Mediator;

namespace Ganeti.Application.Nodes.GetNodes;

/// <summary>GET /2/nodes: an index of nodes, or every node in full with <c>bulk</c>.</summary>
public sealed record GetNodesQuery(bool Bulk) : IQuery<JsonArray>;
