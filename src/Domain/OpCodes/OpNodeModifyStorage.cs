using Ganeti.Domain.Storage;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_MODIFY_STORAGE: change a storage unit's fields (only <c>allocatable</c> of <c>lvm-pv</c>).</summary>
public sealed record OpNodeModifyStorage([NonEmpty] string NodeName, StorageType StorageType, IReadOnlyDictionary<string, object?> Changes) : OpCode
{
    [NonEmpty]
    public string? NodeUuid { get; init; }

    [NonEmpty]
    public string? Name { get; init; }
}
