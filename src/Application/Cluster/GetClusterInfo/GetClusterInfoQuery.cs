using System.Text.Json.Nodes;
using Mediator;

namespace Ganeti.Application.Cluster.GetClusterInfo;

/// <summary>GET /2/info: cluster configuration and software versions.</summary>
public sealed record GetClusterInfoQuery : IQuery<JsonObject>;
