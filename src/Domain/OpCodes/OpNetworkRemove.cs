namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_REMOVE: remove a network that no group is connected to.</summary>
public sealed record OpNetworkRemove([NonEmpty] string NetworkName) : OpCode
{
    [Default(false)]
    public bool? Force { get; init; }
}
