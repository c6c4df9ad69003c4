using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_MIGRATE: migrate every primary instance off a node (the result lists the jobs).</summary>
public sealed record OpNodeMigrate(string NodeName) : OpCode
{
    public string? NodeUuid { get; init; }

    public MigrationMode? Mode { get; init; }

    public bool? Live { get; init; }

    public string? TargetNode { get; init; }

    public string? TargetNodeUuid { get; init; }

    public bool? AllowRuntimeChanges { get; init; }

    public bool? IgnoreIpolicy { get; init; }

    public string? Iallocator { get; init; }
}
