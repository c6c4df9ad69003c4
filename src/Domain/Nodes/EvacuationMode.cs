using Ganeti.Domain.Common;

namespace Ganeti.Domain.Nodes;

public enum EvacuationMode
{
    [WireName("primary-only")] PrimaryOnly,
    [WireName("secondary-only")] SecondaryOnly,
    [WireName("all")] All,
}
