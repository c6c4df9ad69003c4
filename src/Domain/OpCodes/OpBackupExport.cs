using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_BACKUP_EXPORT: export an instance to a node of this cluster or, in remote mode, to another cluster.</summary>
public sealed record OpBackupExport(string InstanceName, ExportTarget TargetNode) : OpCode
{
    public string? InstanceUuid { get; init; }

    public string? Compress { get; init; }

    public int? ShutdownTimeout { get; init; }

    public string? TargetNodeUuid { get; init; }

    public bool? Shutdown { get; init; }

    public bool? RemoveInstance { get; init; }

    public bool? IgnoreRemoveFailures { get; init; }

    public ExportMode? Mode { get; init; }

    /// <summary>The signed key name from a remote prepare-export.</summary>
    public IReadOnlyList<object?>? X509KeyName { get; init; }

    public string? DestinationX509Ca { get; init; }

    public bool? ZeroFreeSpace { get; init; }

    public int? ZeroingTimeoutFixed { get; init; }

    public double? ZeroingTimeoutPerMib { get; init; }

    public bool? LongSleep { get; init; }
}
