using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

public enum AdminState
{
    [WireName("up")] Up,
    [WireName("down")] Down,
    [WireName("offline")] Offline,
}
