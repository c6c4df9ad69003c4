namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_FAILOVER: move an instance to another node by stopping and starting it.</summary>
public sealed record OpInstanceFailover(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public int? ShutdownTimeout { get; init; }

    public bool? IgnoreConsistency { get; init; }

    public string? TargetNode { get; init; }

    public string? TargetNodeUuid { get; init; }

    public bool? IgnoreIpolicy { get; init; }

    public bool? Cleanup { get; init; }

    public string? Iallocator { get; init; }
}
