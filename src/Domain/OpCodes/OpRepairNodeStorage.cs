using Ganeti.Domain.Storage;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_REPAIR_NODE_STORAGE: repair a storage unit (only <c>lvm-vg</c>).</summary>
public sealed record OpRepairNodeStorage([NonEmpty] string NodeName, StorageType StorageType) : OpCode
{
    [NonEmpty]
    public string? NodeUuid { get; init; }

    [NonEmpty]
    public string? Name { get; init; }

    [Default(false)]
    public bool? IgnoreConsistency { get; init; }
}
