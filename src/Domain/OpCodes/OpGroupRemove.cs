namespace Ganeti.Domain.OpCodes;

/// <summary>OP_GROUP_REMOVE: remove an empty node group.</summary>
public sealed record OpGroupRemove([NonEmpty] string GroupName) : OpCode;
