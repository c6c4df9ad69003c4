namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_GROW_DISK: grow disk <see cref="Disk"/> by <see cref="Amount"/> MiB (or to it, when absolute).</summary>
public sealed record OpInstanceGrowDisk(string InstanceName, int Disk, long Amount) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? WaitForSync { get; init; }

    public bool? Absolute { get; init; }

    public bool? IgnoreIpolicy { get; init; }
}
