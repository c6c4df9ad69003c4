using Mediator;

namespace Ganeti.Application.Cluster.GetVersion;

/// <summary>GET /version: the RAPI version.</summary>
public sealed record GetVersionQuery : IQuery<int>;
