using Mediator;

namespace Ganeti.Application.Health;

/// <summary>GET /readyz: asks the master one cheap question (its cluster's name) to learn whether it answers.</summary>
public sealed record PingMasterQuery : IQuery<MasterPing>;

/// <summary>The master answered: the cluster it serves.</summary>
public sealed record MasterPing(string? ClusterName);
