using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>
/// OP_INSTANCE_SET_PARAMS: modify an instance. <see cref="Nics"/> and <see cref="Disks"/>
/// are Ganeti's device modification lists, kept as they travel: each element is a list such
/// as <c>["add", -1, {params}]</c>, <c>["modify", 0, {params}]</c>, <c>["remove", "disk1", {}]</c>
/// or the legacy <c>[op, {params}]</c>.
/// </summary>
public sealed record OpInstanceSetParams(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? Force { get; init; }

    public bool? ForceVariant { get; init; }

    public bool? IgnoreIpolicy { get; init; }

    public IReadOnlyList<object?>? Nics { get; init; }

    public IReadOnlyList<object?>? Disks { get; init; }

    public IReadOnlyDictionary<string, object?>? Beparams { get; init; }

    public int? RuntimeMem { get; init; }

    public IReadOnlyDictionary<string, object?>? Hvparams { get; init; }

    public DiskTemplate? DiskTemplate { get; init; }

    public IReadOnlyDictionary<string, object?>? ExtParams { get; init; }

    public FileDriver? FileDriver { get; init; }

    public string? FileStorageDir { get; init; }

    public string? Pnode { get; init; }

    public string? PnodeUuid { get; init; }

    public string? RemoteNode { get; init; }

    public string? RemoteNodeUuid { get; init; }

    public string? Iallocator { get; init; }

    public string? OsName { get; init; }

    public IReadOnlyDictionary<string, object?>? Osparams { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsPrivate { get; init; }

    public bool? WaitForSync { get; init; }

    public bool? Offline { get; init; }

    public bool? ConflictsCheck { get; init; }

    public bool? Hotplug { get; init; }

    public bool? InstanceCommunication { get; init; }
}
