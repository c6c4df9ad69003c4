using Ganeti.Domain.Networks;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_CONNECT: connect a network to a node group with a NIC mode and link.</summary>
public sealed record OpNetworkConnect([NonEmpty] string GroupName, [NonEmpty] string NetworkName, NicMode NetworkMode, [NonEmpty] string NetworkLink) : OpCode
{
    [Default("")]
    public string? NetworkVlan { get; init; }

    [Default(true)]
    public bool? ConflictsCheck { get; init; }
}
