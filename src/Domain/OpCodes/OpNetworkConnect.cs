using Ganeti.Domain.Networks;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_CONNECT: connect a network to a node group with a NIC mode and link.</summary>
public sealed record OpNetworkConnect(string GroupName, string NetworkName, NicMode NetworkMode, string NetworkLink) : OpCode
{
    public string? NetworkVlan { get; init; }

    public bool? ConflictsCheck { get; init; }
}
