namespace Ganeti.Simulator.State;

/// <summary>
/// The storage hardware of a simulated node, sizes in MiB: its LVM physical volumes (each in
/// a volume group) and the size of the file system that holds the cluster's file storage
/// directories. What instances use of it is not stored here: <see cref="StorageModel"/>
/// derives it from their disks.
/// </summary>
public sealed class NodeStorage
{
    /// <summary>The physical volume of a node that was given only a disk size (<see cref="Node.DiskTotal"/>).</summary>
    public const string DefaultPhysicalVolume = "/dev/sdb";

    /// <summary>The physical volumes, in the order LVM fills them.</summary>
    public List<PhysicalVolume> PhysicalVolumes { get; set; } = [];

    /// <summary>Size of the file system of the file, shared-file and Gluster storage directories.</summary>
    public long FileSystemSize { get; set; }

    /// <summary>A node with one disk of <paramref name="size"/> MiB: one physical volume in the cluster's volume group, and the file system the same size.</summary>
    public static NodeStorage OneDisk(long size) => new()
    {
        PhysicalVolumes = [new PhysicalVolume { Name = DefaultPhysicalVolume, Size = size }],
        FileSystemSize = size,
    };

    public NodeStorage Copy() => new()
    {
        PhysicalVolumes = [.. PhysicalVolumes.Select(pv => new PhysicalVolume { Name = pv.Name, VolumeGroup = pv.VolumeGroup, Size = pv.Size, Allocatable = pv.Allocatable })],
        FileSystemSize = FileSystemSize,
    };
}

/// <summary>An LVM physical volume of a simulated node.</summary>
public sealed class PhysicalVolume
{
    /// <summary>The device, e.g. <c>/dev/sdb</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The volume group it belongs to; null: the cluster's volume group, whatever it is called.</summary>
    public string? VolumeGroup { get; set; }

    /// <summary>Size in MiB.</summary>
    public long Size { get; set; }

    /// <summary>Whether LVM may allocate new extents on it (<c>pvchange --allocatable</c>).</summary>
    public bool Allocatable { get; set; } = true;
}
