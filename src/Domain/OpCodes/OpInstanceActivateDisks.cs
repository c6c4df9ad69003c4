namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_ACTIVATE_DISKS: assemble an instance's disks on its nodes.</summary>
public sealed record OpInstanceActivateDisks(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(false)]
    public bool? IgnoreSize { get; init; }

    [Default(false)]
    public bool? WaitForSync { get; init; }
}
