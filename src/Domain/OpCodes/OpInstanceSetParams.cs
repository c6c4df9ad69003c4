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
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(false)]
    public bool? Force { get; init; }

    [Default(false)]
    public bool? ForceVariant { get; init; }

    [Default(false)]
    public bool? IgnoreIpolicy { get; init; }

    [DefaultEmpty]
    public IReadOnlyList<object?>? Nics { get; init; }

    [DefaultEmpty]
    public IReadOnlyList<object?>? Disks { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? Beparams { get; init; }

    [Positive]
    public int? RuntimeMem { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? Hvparams { get; init; }

    public DiskTemplate? DiskTemplate { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? ExtParams { get; init; }

    public FileDriver? FileDriver { get; init; }

    [NonEmpty]
    public string? FileStorageDir { get; init; }

    [NonEmpty]
    public string? Pnode { get; init; }

    [NonEmpty]
    public string? PnodeUuid { get; init; }

    [NonEmpty]
    public string? RemoteNode { get; init; }

    [NonEmpty]
    public string? RemoteNodeUuid { get; init; }

    [NonEmpty]
    public string? Iallocator { get; init; }

    [NonEmpty]
    public string? OsName { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? Osparams { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsPrivate { get; init; }

    [Default(true)]
    public bool? WaitForSync { get; init; }

    public bool? Offline { get; init; }

    [Default(true)]
    public bool? ConflictsCheck { get; init; }

    [Default(true)]
    public bool? Hotplug { get; init; }

    public bool? InstanceCommunication { get; init; }
}
