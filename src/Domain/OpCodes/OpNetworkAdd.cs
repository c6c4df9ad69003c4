namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NETWORK_ADD: create a network from an IPv4 subnet such as <c>192.0.2.0/24</c>.</summary>
public sealed record OpNetworkAdd([NonEmpty] string NetworkName, string Network) : OpCode
{
    public string? Gateway { get; init; }

    public string? Network6 { get; init; }

    public string? Gateway6 { get; init; }

    [NonEmpty]
    public string? MacPrefix { get; init; }

    public IReadOnlyList<string>? AddReservedIps { get; init; }

    [Default(true)]
    public bool? ConflictsCheck { get; init; }

    [DefaultEmpty, NonEmpty]
    public IReadOnlyList<string>? Tags { get; init; }
}
