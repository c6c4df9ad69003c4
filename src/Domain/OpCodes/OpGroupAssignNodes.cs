namespace Ganeti.Domain.OpCodes;

/// <summary>OP_GROUP_ASSIGN_NODES: move nodes into a node group.</summary>
public sealed record OpGroupAssignNodes(string GroupName, IReadOnlyList<string> Nodes) : OpCode
{
    public bool? Force { get; init; }

    public IReadOnlyList<string>? NodeUuids { get; init; }
}
