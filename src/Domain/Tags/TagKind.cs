using Ganeti.Domain.Common;

namespace Ganeti.Domain.Tags;

/// <summary>The kinds of object that carry tags (note: a node group is <c>nodegroup</c>).</summary>
public enum TagKind
{
    [WireName("instance")] Instance,
    [WireName("node")] Node,
    [WireName("nodegroup")] NodeGroup,
    [WireName("cluster")] Cluster,
    [WireName("network")] Network,
}
