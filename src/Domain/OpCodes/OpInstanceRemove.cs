namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_REMOVE: remove an instance and its disks.</summary>
public sealed record OpInstanceRemove(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(120), NonNegative]
    public int? ShutdownTimeout { get; init; }

    [Default(false)]
    public bool? IgnoreFailures { get; init; }
}
