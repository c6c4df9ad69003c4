using Ganeti.Domain.Networks;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_SET_PARAMS: change a network's gateways, IPv6 range, MAC prefix or reserved addresses.</summary>
public sealed record OpNetworkSetParams([NonEmpty] string NetworkName) : OpCode
{
    [Address(AddressKind.IPv4Address)]
    public string? Gateway { get; init; }

    [Address(AddressKind.IPv6Network)]
    public string? Network6 { get; init; }

    [Address(AddressKind.IPv6Address)]
    public string? Gateway6 { get; init; }

    [NonEmpty]
    public string? MacPrefix { get; init; }

    [Address(AddressKind.IPv4Address)]
    public IReadOnlyList<string>? AddReservedIps { get; init; }

    [Address(AddressKind.IPv4Address)]
    public IReadOnlyList<string>? RemoveReservedIps { get; init; }
}
