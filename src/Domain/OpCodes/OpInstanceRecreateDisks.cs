using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_RECREATE_DISKS: recreate an instance's disks, optionally on other nodes or with new sizes.</summary>
public sealed record OpInstanceRecreateDisks(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    /// <summary>The disks to recreate; unset or empty means all of them.</summary>
    [DefaultEmpty]
    public IReadOnlyList<DiskRecreation>? Disks { get; init; }

    [DefaultEmpty, NonEmpty]
    public IReadOnlyList<string>? Nodes { get; init; }

    [NonEmpty]
    public IReadOnlyList<string>? NodeUuids { get; init; }

    [NonEmpty]
    public string? Iallocator { get; init; }
}
