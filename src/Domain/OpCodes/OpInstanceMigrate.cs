using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_MIGRATE: move a running instance to another node (<c>mode</c> and <c>live</c> exclude each other).</summary>
public sealed record OpInstanceMigrate(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    public MigrationMode? Mode { get; init; }

    public bool? Live { get; init; }

    [NonEmpty]
    public string? TargetNode { get; init; }

    [NonEmpty]
    public string? TargetNodeUuid { get; init; }

    [Default(true)]
    public bool? AllowRuntimeChanges { get; init; }

    [Default(false)]
    public bool? IgnoreIpolicy { get; init; }

    [Default(false)]
    public bool? Cleanup { get; init; }

    [NonEmpty]
    public string? Iallocator { get; init; }

    [Default(false)]
    public bool? AllowFailover { get; init; }

    [Default(false)]
    public bool? IgnoreHvversions { get; init; }
}
