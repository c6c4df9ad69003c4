namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_DISCONNECT: disconnect a network from a node group.</summary>
public sealed record OpNetworkDisconnect([NonEmpty] string GroupName, [NonEmpty] string NetworkName) : OpCode;
