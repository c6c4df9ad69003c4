using Ganeti.Domain.Common;

namespace Ganeti.Domain.Query;

/// <summary>The resources OP_QUERY and OP_QUERY_FIELDS accept in <c>what</c> (locks, jobs and filters are LUXI-only).</summary>
public enum QueryResource
{
    [WireName("cluster")] Cluster,
    [WireName("instance")] Instance,
    [WireName("node")] Node,
    [WireName("group")] Group,
    [WireName("os")] Os,
    [WireName("export")] Export,
    [WireName("network")] Network,
}
