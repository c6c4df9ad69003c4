namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_FAILOVER: move an instance to another node by stopping and starting it.</summary>
public sealed record OpInstanceFailover(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(120), NonNegative]
    public int? ShutdownTimeout { get; init; }

    [Default(false)]
    public bool? IgnoreConsistency { get; init; }

    [NonEmpty]
    public string? TargetNode { get; init; }

    [NonEmpty]
    public string? TargetNodeUuid { get; init; }

    [Default(false)]
    public bool? IgnoreIpolicy { get; init; }

    [Default(false)]
    public bool? Cleanup { get; init; }

    [NonEmpty]
    public string? Iallocator { get; init; }
}
