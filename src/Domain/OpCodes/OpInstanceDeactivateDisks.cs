namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_DEACTIVATE_DISKS: shut down an instance's disks.</summary>
public sealed record OpInstanceDeactivateDisks(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(false)]
    public bool? Force { get; init; }
}
