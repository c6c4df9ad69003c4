using Ganeti.Domain.Storage;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_REPAIR_NODE_STORAGE: repair a storage unit (only <c>lvm-vg</c>).</summary>
public sealed record OpRepairNodeStorage(string NodeName, StorageType StorageType) : OpCode
{
    public string? NodeUuid { get; init; }

    public string? Name { get; init; }

    public bool? IgnoreConsistency { get; init; }
}
