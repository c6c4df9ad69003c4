using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

/// <summary>The <c>status</c> query field of an instance.</summary>
public enum InstanceStatus
{
    [WireName("running")] Running,
    [WireName("ADMIN_down")] AdminDown,
    [WireName("ADMIN_offline")] AdminOffline,
    [WireName("ERROR_down")] ErrorDown,
    [WireName("ERROR_up")] ErrorUp,
    [WireName("ERROR_nodedown")] ErrorNodeDown,
    [WireName("ERROR_nodeoffline")] ErrorNodeOffline,
    [WireName("USER_down")] UserDown,
    [WireName("ERROR_wrongnode")] ErrorWrongNode,
}
