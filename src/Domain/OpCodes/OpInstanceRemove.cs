namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_REMOVE: remove an instance and its disks.</summary>
public sealed record OpInstanceRemove(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public int? ShutdownTimeout { get; init; }

    public bool? IgnoreFailures { get; init; }
}
