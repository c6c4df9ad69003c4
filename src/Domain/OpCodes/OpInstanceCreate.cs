using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>
/// OP_INSTANCE_CREATE: create (or import) an instance. Each element of <see cref="Disks"/>
/// holds disk parameters (<c>size</c>, <c>mode</c>, <c>vg</c>, <c>name</c>, …) and each of
/// <see cref="Nics"/> NIC parameters (<c>mac</c>, <c>ip</c>, <c>mode</c>, <c>link</c>,
/// <c>network</c>, …), exactly as Ganeti names them.
/// </summary>
public sealed record OpInstanceCreate(
    string InstanceName,
    InstCreateMode Mode,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Disks,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Nics) : OpCode
{
    [Default(false)]
    public bool? ForceVariant { get; init; }

    [Default(true)]
    public bool? WaitForSync { get; init; }

    [Default(false)]
    public bool? NameCheck { get; init; }

    [Default(false)]
    public bool? IgnoreIpolicy { get; init; }

    [Default(false)]
    public bool? OpportunisticLocking { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? Beparams { get; init; }

    public DiskTemplate? DiskTemplate { get; init; }

    [NonEmpty]
    public string? GroupName { get; init; }

    public FileDriver? FileDriver { get; init; }

    [NonEmpty]
    public string? FileStorageDir { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? Hvparams { get; init; }

    public Hypervisor? Hypervisor { get; init; }

    [NonEmpty]
    public string? Iallocator { get; init; }

    [Default(false)]
    public bool? IdentifyDefaults { get; init; }

    [Default(false)]
    public bool? IpCheck { get; init; }

    [Default(true)]
    public bool? ConflictsCheck { get; init; }

    public bool? NoInstall { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? Osparams { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsPrivate { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsSecret { get; init; }

    [NonEmpty]
    public string? OsType { get; init; }

    [NonEmpty]
    public string? Pnode { get; init; }

    [NonEmpty]
    public string? PnodeUuid { get; init; }

    [NonEmpty]
    public string? Snode { get; init; }

    [NonEmpty]
    public string? SnodeUuid { get; init; }

    public IReadOnlyList<object?>? SourceHandshake { get; init; }

    [NonEmpty]
    public string? SourceInstanceName { get; init; }

    [Default(120), NonNegative]
    public int? SourceShutdownTimeout { get; init; }

    [NonEmpty]
    public string? SourceX509Ca { get; init; }

    [NonEmpty]
    public string? SrcNode { get; init; }

    [NonEmpty]
    public string? SrcNodeUuid { get; init; }

    [NonEmpty]
    public string? SrcPath { get; init; }

    [Default("none")]
    public string? Compress { get; init; }

    [Default(true)]
    public bool? Start { get; init; }

    [Default(false)]
    public bool? Forthcoming { get; init; }

    [Default(false)]
    public bool? Commit { get; init; }

    [DefaultEmpty, NonEmpty]
    public IReadOnlyList<string>? Tags { get; init; }

    [Default(false)]
    public bool? InstanceCommunication { get; init; }

    public int? HelperStartupTimeout { get; init; }

    public int? HelperShutdownTimeout { get; init; }
}
