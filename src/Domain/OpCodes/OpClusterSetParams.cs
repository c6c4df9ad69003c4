using Ganeti.Domain.Cluster;
using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>
/// OP_CLUSTER_SET_PARAMS: change cluster-wide parameters. Every parameter is optional; only
/// the ones set are changed. <c>compression_tools</c> exists here but RAPI refuses it (403).
/// </summary>
public sealed record OpClusterSetParams : OpCode
{
    [Default(false)]
    public bool? Force { get; init; }

    public IReadOnlyDictionary<string, object?>? HvState { get; init; }

    public IReadOnlyDictionary<string, object?>? DiskState { get; init; }

    /// <summary>The volume group; an empty string disables LVM storage.</summary>
    public string? VgName { get; init; }

    public IReadOnlyList<Hypervisor>? EnabledHypervisors { get; init; }

    /// <summary>Hypervisor parameters keyed by hypervisor name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>? Hvparams { get; init; }

    public IReadOnlyDictionary<string, object?>? Beparams { get; init; }

    /// <summary>Per-OS hypervisor parameters: OS name, then hypervisor name, then parameters.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>? OsHvp { get; init; }

    /// <summary>OS parameters keyed by OS name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>? Osparams { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>? OsparamsPrivateCluster { get; init; }

    public IReadOnlyDictionary<DiskTemplate, IReadOnlyDictionary<string, object?>>? Diskparams { get; init; }

    [Positive]
    public int? CandidatePoolSize { get; init; }

    [Positive]
    public int? MaxRunningJobs { get; init; }

    [Positive]
    public int? MaxTrackedJobs { get; init; }

    public IReadOnlyList<UidRange>? UidPool { get; init; }

    public IReadOnlyList<UidRange>? AddUids { get; init; }

    public IReadOnlyList<UidRange>? RemoveUids { get; init; }

    public bool? MaintainNodeHealth { get; init; }

    public bool? PreallocWipeDisks { get; init; }

    public IReadOnlyDictionary<string, object?>? Nicparams { get; init; }

    public IReadOnlyDictionary<string, object?>? Ndparams { get; init; }

    public IReadOnlyDictionary<string, object?>? Ipolicy { get; init; }

    public string? DrbdHelper { get; init; }

    public string? DefaultIallocator { get; init; }

    public IReadOnlyDictionary<string, object?>? DefaultIallocatorParams { get; init; }

    [NonEmpty]
    public string? MacPrefix { get; init; }

    public string? MasterNetdev { get; init; }

    [NonNegative]
    public int? MasterNetmask { get; init; }

    [NonEmpty]
    public IReadOnlyList<string>? ReservedLvs { get; init; }

    public IReadOnlyList<OsListModification>? HiddenOs { get; init; }

    public IReadOnlyList<OsListModification>? BlacklistedOs { get; init; }

    public bool? UseExternalMipScript { get; init; }

    public IReadOnlyList<DiskTemplate>? EnabledDiskTemplates { get; init; }

    public bool? ModifyEtcHosts { get; init; }

    public string? FileStorageDir { get; init; }

    public string? SharedFileStorageDir { get; init; }

    public string? GlusterStorageDir { get; init; }

    public string? InstallImage { get; init; }

    public string? InstanceCommunicationNetwork { get; init; }

    public string? ZeroingImage { get; init; }

    [NonEmpty]
    public IReadOnlyList<string>? CompressionTools { get; init; }

    public bool? EnabledUserShutdown { get; init; }

    /// <summary>Data collector name to whether it is enabled.</summary>
    public IReadOnlyDictionary<string, bool>? EnabledDataCollectors { get; init; }

    /// <summary>Data collector name to its run interval in microseconds.</summary>
    public IReadOnlyDictionary<string, long>? DataCollectorInterval { get; init; }
}
