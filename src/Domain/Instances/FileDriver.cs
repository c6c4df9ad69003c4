using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

/// <summary>The driver for file-based disks.</summary>
public enum FileDriver
{
    [WireName("loop")] Loop,
    [WireName("blktap")] Blktap,
    [WireName("blktap2")] Blktap2,
}
