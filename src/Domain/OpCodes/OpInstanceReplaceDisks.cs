using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_REPLACE_DISKS: replace a mirrored instance's disks (an empty or unset <c>disks</c> means all).</summary>
public sealed record OpInstanceReplaceDisks(string InstanceName, ReplaceDisksMode Mode) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? EarlyRelease { get; init; }

    public bool? IgnoreIpolicy { get; init; }

    public IReadOnlyList<int>? Disks { get; init; }

    public string? RemoteNode { get; init; }

    public string? RemoteNodeUuid { get; init; }

    public string? Iallocator { get; init; }
}
