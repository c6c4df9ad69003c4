using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

public enum RebootType
{
    [WireName("soft")] Soft,
    [WireName("hard")] Hard,
    [WireName("full")] Full,
}
