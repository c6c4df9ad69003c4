namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_ACTIVATE_DISKS: assemble an instance's disks on its nodes.</summary>
public sealed record OpInstanceActivateDisks(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? IgnoreSize { get; init; }

    public bool? WaitForSync { get; init; }
}
