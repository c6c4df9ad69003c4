using Ganeti.Domain.Common;

namespace Ganeti.Domain.Nodes;

/// <summary>A node's role as RAPI names it.</summary>
public enum NodeRole
{
    [WireName("master")] Master,
    [WireName("master-candidate")] MasterCandidate,
    [WireName("drained")] Drained,
    [WireName("offline")] Offline,
    [WireName("regular")] Regular,
}
