namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_SET_PARAMS: change a network's gateways, IPv6 range, MAC prefix or reserved addresses.</summary>
public sealed record OpNetworkSetParams([NonEmpty] string NetworkName) : OpCode
{
    public string? Gateway { get; init; }

    public string? Network6 { get; init; }

    public string? Gateway6 { get; init; }

    [NonEmpty]
    public string? MacPrefix { get; init; }

    public IReadOnlyList<string>? AddReservedIps { get; init; }

    public IReadOnlyList<string>? RemoveReservedIps { get; init; }
}
