using Ganeti.Domain.Networks;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_ADD: create a network from an IPv4 subnet such as <c>192.0.2.0/24</c>.</summary>
public sealed record OpNetworkAdd([NonEmpty] string NetworkName, [Address(AddressKind.IPv4Network)] string Network) : OpCode
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

    [Default(true)]
    public bool? ConflictsCheck { get; init; }

    [DefaultEmpty, NonEmpty]
    public IReadOnlyList<string>? Tags { get; init; }
}
