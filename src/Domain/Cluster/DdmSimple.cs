using Ganeti.Domain.Common;

namespace Ganeti.Domain.Cluster;

/// <summary>The simple device/list modifications (hidden and blacklisted OS lists, legacy device changes).</summary>
public enum DdmSimple
{
    [WireName("add")] Add,
    [WireName("attach")] Attach,
    [WireName("remove")] Remove,
    [WireName("detach")] Detach,
}
