using Ganeti.Domain.Storage;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_QUERY_STORAGE: list storage units on nodes (all nodes when <c>nodes</c> is unset).</summary>
public sealed record OpNodeQueryStorage([NonEmpty] IReadOnlyList<string> OutputFields) : OpCode
{
    public StorageType? StorageType { get; init; }

    [DefaultEmpty, NonEmpty]
    public IReadOnlyList<string>? Nodes { get; init; }

    [NonEmpty]
    public string? Name { get; init; }
}
