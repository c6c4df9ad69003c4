namespace Ganeti.Domain.OpCodes;

/// <summary>OP_GROUP_ASSIGN_NODES: move nodes into a node group.</summary>
public sealed record OpGroupAssignNodes([NonEmpty] string GroupName, [NonEmpty] IReadOnlyList<string> Nodes) : OpCode
{
    [Default(false)]
    public bool? Force { get; init; }

    [NonEmpty]
    public IReadOnlyList<string>? NodeUuids { get; init; }
}
