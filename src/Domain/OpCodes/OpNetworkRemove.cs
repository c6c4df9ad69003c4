namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_REMOVE: remove a network that no group is connected to.</summary>
public sealed record OpNetworkRemove(string NetworkName) : OpCode
{
    public bool? Force { get; init; }
}
