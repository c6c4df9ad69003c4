using Ganeti.Domain.Storage;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_QUERY_STORAGE: list storage units on nodes (all nodes when <c>nodes</c> is unset).</summary>
public sealed record OpNodeQueryStorage(IReadOnlyList<string> OutputFields) : OpCode
{
    public StorageType? StorageType { get; init; }

    public IReadOnlyList<string>? Nodes { get; init; }

    public string? Name { get; init; }
}
