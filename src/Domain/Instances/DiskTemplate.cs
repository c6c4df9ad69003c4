using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

public enum DiskTemplate
{
    [WireName("diskless")] Diskless,
    [WireName("file")] File,
    [WireName("sharedfile")] SharedFile,
    [WireName("plain")] Plain,
    [WireName("blockdev")] BlockDev,
    [WireName("drbd")] Drbd,
    [WireName("rbd")] Rbd,
    [WireName("ext")] Ext,
    [WireName("gluster")] Gluster,
}
