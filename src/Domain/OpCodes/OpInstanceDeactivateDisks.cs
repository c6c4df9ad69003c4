namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_DEACTIVATE_DISKS: shut down an instance's disks.</summary>
public sealed record OpInstanceDeactivateDisks(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? Force { get; init; }
}
