namespace Ganeti.Domain.OpCodes;

/// <summary>OP_GROUP_RENAME: give a node group a new name.</summary>
public sealed record OpGroupRename([NonEmpty] string GroupName, [NonEmpty] string NewName) : OpCode;
