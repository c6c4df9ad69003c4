using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_BACKUP_EXPORT: export an instance to a node of this cluster or, in remote mode, to another cluster.</summary>
public sealed record OpBackupExport(string InstanceName, ExportTarget TargetNode) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default("none")]
    public string? Compress { get; init; }

    [Default(120), NonNegative]
    public int? ShutdownTimeout { get; init; }

    [NonEmpty]
    public string? TargetNodeUuid { get; init; }

    [Default(true)]
    public bool? Shutdown { get; init; }

    [Default(false)]
    public bool? RemoveInstance { get; init; }

    [Default(false)]
    public bool? IgnoreRemoveFailures { get; init; }

    [Default(ExportMode.Local)]
    public ExportMode? Mode { get; init; }

    /// <summary>The signed key name from a remote prepare-export.</summary>
    public IReadOnlyList<object?>? X509KeyName { get; init; }

    [NonEmpty]
    public string? DestinationX509Ca { get; init; }

    [Default(false)]
    public bool? ZeroFreeSpace { get; init; }

    public int? ZeroingTimeoutFixed { get; init; }

    public double? ZeroingTimeoutPerMib { get; init; }

    [Default(false)]
    public bool? LongSleep { get; init; }
}
