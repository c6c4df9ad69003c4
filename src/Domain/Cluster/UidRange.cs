namespace Ganeti.Domain.Cluster;

/// <summary>
/// A range of user ids for the cluster's uid pool, both ends inclusive; on the wire a
/// two-element list <c>[first, last]</c>.
/// </summary>
public sealed record UidRange(int First, int Last);
