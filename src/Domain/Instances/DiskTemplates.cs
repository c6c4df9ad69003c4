namespace Ganeti.Domain.Instances;

public static class DiskTemplates
{
    /// <summary>Templates whose disks are mirrored to a secondary node by Ganeti itself.</summary>
    public static bool IsInternallyMirrored(this DiskTemplate template) => template == DiskTemplate.Drbd;

    /// <summary>Templates whose storage any node can reach (no fixed secondary).</summary>
    public static bool IsExternallyMirrored(this DiskTemplate template) =>
        template is DiskTemplate.SharedFile or DiskTemplate.BlockDev or DiskTemplate.Rbd or DiskTemplate.Ext or DiskTemplate.Gluster;
}
