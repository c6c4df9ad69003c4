using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_REPLACE_DISKS: replace a mirrored instance's disks (an empty or unset <c>disks</c> means all).</summary>
public sealed record OpInstanceReplaceDisks(string InstanceName, ReplaceDisksMode Mode) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(false)]
    public bool? EarlyRelease { get; init; }

    [Default(false)]
    public bool? IgnoreIpolicy { get; init; }

    [DefaultEmpty, Range(0, 15)]
    public IReadOnlyList<int>? Disks { get; init; }

    [NonEmpty]
    public string? RemoteNode { get; init; }

    [NonEmpty]
    public string? RemoteNodeUuid { get; init; }

    [NonEmpty]
    public string? Iallocator { get; init; }
}
