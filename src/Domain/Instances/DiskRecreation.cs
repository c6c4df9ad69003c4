namespace Ganeti.Domain.Instances;

/// <summary>
/// One element of OP_INSTANCE_RECREATE_DISKS' <c>disks</c>: the disk index alone, or with
/// new disk parameters (e.g. <c>size</c>). On the wire <c>index</c> or
/// <c>[index, {params}]</c>; Ganeti wants all elements of a list in the same form, and an
/// empty or absent list means every disk.
/// </summary>
public sealed record DiskRecreation(int Index)
{
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }
}
