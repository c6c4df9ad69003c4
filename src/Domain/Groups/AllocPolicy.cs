using Ganeti.Domain.Common;

namespace Ganeti.Domain.Groups;

/// <summary>A node group's allocation policy.</summary>
public enum AllocPolicy
{
    [WireName("preferred")] Preferred,
    [WireName("last_resort")] LastResort,
    [WireName("unallocable")] Unallocable,
}
