using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_MIGRATE: migrate every primary instance off a node (the result lists the jobs).</summary>
public sealed record OpNodeMigrate([NonEmpty] string NodeName) : OpCode
{
    [NonEmpty]
    public string? NodeUuid { get; init; }

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

    [NonEmpty]
    public string? Iallocator { get; init; }
}
