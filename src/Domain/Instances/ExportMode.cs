using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

/// <summary>Where an export goes: a node of this cluster, or another cluster.</summary>
public enum ExportMode
{
    [WireName("local")] Local,
    [WireName("remote")] Remote,
}
