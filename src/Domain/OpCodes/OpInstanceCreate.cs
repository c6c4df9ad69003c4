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
    public bool? ForceVariant { get; init; }

    public bool? WaitForSync { get; init; }

    public bool? NameCheck { get; init; }

    public bool? IgnoreIpolicy { get; init; }

    public bool? OpportunisticLocking { get; init; }

    public IReadOnlyDictionary<string, object?>? Beparams { get; init; }

    public DiskTemplate? DiskTemplate { get; init; }

    public string? GroupName { get; init; }

    public FileDriver? FileDriver { get; init; }

    public string? FileStorageDir { get; init; }

    public IReadOnlyDictionary<string, object?>? Hvparams { get; init; }

    public Hypervisor? Hypervisor { get; init; }

    public string? Iallocator { get; init; }

    public bool? IdentifyDefaults { get; init; }

    public bool? IpCheck { get; init; }

    public bool? ConflictsCheck { get; init; }

    public bool? NoInstall { get; init; }

    public IReadOnlyDictionary<string, object?>? Osparams { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsPrivate { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsSecret { get; init; }

    public string? OsType { get; init; }

    public string? Pnode { get; init; }

    public string? PnodeUuid { get; init; }

    public string? Snode { get; init; }

    public string? SnodeUuid { get; init; }

    public IReadOnlyList<object?>? SourceHandshake { get; init; }

    public string? SourceInstanceName { get; init; }

    public int? SourceShutdownTimeout { get; init; }

    public string? SourceX509Ca { get; init; }

    public string? SrcNode { get; init; }

    public string? SrcNodeUuid { get; init; }

    public string? SrcPath { get; init; }

    public string? Compress { get; init; }

    public bool? Start { get; init; }

    public bool? Forthcoming { get; init; }

    public bool? Commit { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public bool? InstanceCommunication { get; init; }

    public int? HelperStartupTimeout { get; init; }

    public int? HelperShutdownTimeout { get; init; }
}
