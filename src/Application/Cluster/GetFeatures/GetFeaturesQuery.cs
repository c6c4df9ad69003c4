using Mediator;

namespace Ganeti.Application.Cluster.GetFeatures;

/// <summary>GET /2/features: the optional request formats this server understands.</summary>
public sealed record GetFeaturesQuery : IQuery<IReadOnlyList<string>>;
