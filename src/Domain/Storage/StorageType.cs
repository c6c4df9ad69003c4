using Ganeti.Domain.Common;

namespace Ganeti.Domain.Storage;

/// <summary>The storage unit types of the node storage opcodes.</summary>
public enum StorageType
{
    [WireName("file")] File,
    [WireName("sharedfile")] SharedFile,
    [WireName("gluster")] Gluster,
    [WireName("lvm-pv")] LvmPv,
    [WireName("lvm-vg")] LvmVg,
    [WireName("diskless")] Diskless,
    [WireName("blockdev")] BlockDev,
    [WireName("rados")] Rados,
    [WireName("ext")] Ext,
}
