using Ganeti.Domain.Common;

namespace Ganeti.Domain.Networks;

/// <summary>A NIC's (or a network connection's) mode.</summary>
public enum NicMode
{
    [WireName("bridged")] Bridged,
    [WireName("routed")] Routed,
    [WireName("openvswitch")] OpenVSwitch,
    [WireName("pool")] Pool,
    [WireName("ext")] Ext,
}
