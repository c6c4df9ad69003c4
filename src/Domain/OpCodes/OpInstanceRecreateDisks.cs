using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_RECREATE_DISKS: recreate an instance's disks, optionally on other nodes or with new sizes.</summary>
public sealed record OpInstanceRecreateDisks(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    /// <summary>The disks to recreate; unset or empty means all of them.</summary>
    public IReadOnlyList<DiskRecreation>? Disks { get; init; }

    public IReadOnlyList<string>? Nodes { get; init; }

    public IReadOnlyList<string>? NodeUuids { get; init; }

    public string? Iallocator { get; init; }
}
