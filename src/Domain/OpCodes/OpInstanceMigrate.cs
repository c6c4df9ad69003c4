using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_MIGRATE: move a running instance to another node (<c>mode</c> and <c>live</c> exclude each other).</summary>
public sealed record OpInstanceMigrate(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public MigrationMode? Mode { get; init; }

    public bool? Live { get; init; }

    public string? TargetNode { get; init; }

    public string? TargetNodeUuid { get; init; }

    public bool? AllowRuntimeChanges { get; init; }

    public bool? IgnoreIpolicy { get; init; }

    public bool? Cleanup { get; init; }

    public string? Iallocator { get; init; }

    public bool? AllowFailover { get; init; }

    public bool? IgnoreHvversions { get; init; }
}
