namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_GROW_DISK: grow disk <see cref="Disk"/> by <see cref="Amount"/> MiB (or to it, when absolute).</summary>
public sealed record OpInstanceGrowDisk(string InstanceName, [Range(0, 15)] int Disk, [NonNegative] long Amount) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(true)]
    public bool? WaitForSync { get; init; }

    [Default(false)]
    public bool? Absolute { get; init; }

    [Default(false)]
    public bool? IgnoreIpolicy { get; init; }
}
