using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

/// <summary>Live or non-live migration (instances and node migrate); unset means the hypervisor's default.</summary>
public enum MigrationMode
{
    [WireName("live")] Live,
    [WireName("non-live")] NonLive,
}
