namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_RENAME: give a network a new name.</summary>
public sealed record OpNetworkRename([NonEmpty] string NetworkName, [NonEmpty] string NewName) : OpCode;
