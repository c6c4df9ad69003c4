using System.Text;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Networks;

namespace Ganeti.Simulator.State;

/// <summary>
/// The address pool of an IPv4 network, as Ganeti's <c>network.AddressPool</c> keeps it: one
/// bit per address for external reservations (stored in <see cref="Network.ExtReservations"/>)
/// and one for addresses instances use (here taken from the NICs on the network). Failures are
/// Ganeti's <c>AddressPoolError</c>s with its messages.
/// </summary>
public sealed class AddressPool
{
    /// <summary>Ganeti's error class for pool failures.</summary>
    public const string ErrorClass = "AddressPoolError";

    /// <summary>The smallest network Ganeti manages is a /30.</summary>
    public const int MaxPrefixLength = 30;

    /// <summary>The largest network Ganeti manages is a /16.</summary>
    public const int MinPrefixLength = 16;

    private readonly Network _network;
    private readonly bool[] _external;
    private readonly bool[] _used;

    private AddressPool(Network network, NetworkText subnet, IEnumerable<Instance> instances, bool empty)
    {
        _network = network;
        Subnet = subnet.Canonical;
        Base = (uint)subnet.Address;
        Size = 1 << (32 - subnet.PrefixLength);
        _external = new bool[Size];
        _used = new bool[Size];
        if (!empty && network.ExtReservations is { } bits && bits.Length == Size)
        {
            for (var i = 0; i < Size; i++)
            {
                _external[i] = bits[i] == '1';
            }
        }
        else if (!empty)
        {
            _external[0] = true;
            _external[Size - 1] = true;
            if (IndexOf(network.Gateway) is { } gateway)
            {
                _external[gateway] = true;
            }
        }

        foreach (var nic in instances.SelectMany(i => i.Nics).Where(n => n.NetworkUuid == network.Uuid))
        {
            if (IndexOf(nic.Ip) is { } index)
            {
                _used[index] = true;
            }
        }
    }

    /// <summary>The subnet as Python prints it (<c>192.0.2.0/24</c>), which Ganeti's messages show.</summary>
    public string Subnet { get; }

    public uint Base { get; }

    public int Size { get; }

    public int ReservedCount => Enumerable.Range(0, Size).Count(i => _external[i] || _used[i]);

    public int FreeCount => Size - ReservedCount;

    /// <summary>The occupation map: <c>X</c> for a reserved or used address, <c>.</c> for a free one.</summary>
    public string Map => string.Create(Size, this, (span, pool) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = pool._external[i] || pool._used[i] ? 'X' : '.';
        }
    });

    /// <summary>The externally reserved addresses, lowest first.</summary>
    public IEnumerable<string> ExternalReservations =>
        Enumerable.Range(0, Size).Where(i => _external[i]).Select(i => AddressSyntax.FormatIPv4(Base + (uint)i));

    /// <summary>
    /// The pool of <paramref name="network"/>; fails as Ganeti does for a subnet larger than a
    /// /16 or smaller than a /30.
    /// </summary>
    public static AddressPool Open(Network network, IEnumerable<Instance> instances) => new(network, SubnetOf(network), instances, empty: false);

    /// <summary>
    /// The pool of a new network, as Ganeti's <c>InitializeNetwork</c> makes it: the network,
    /// broadcast and gateway addresses reserved, one after the other (a gateway outside the
    /// network, or on one of the other two, fails).
    /// </summary>
    public static AddressPool Initialize(Network network)
    {
        var pool = new AddressPool(network, SubnetOf(network), [], empty: true);
        pool.Reserve(AddressSyntax.FormatIPv4(pool.Base), external: true);
        pool.Reserve(AddressSyntax.FormatIPv4(pool.Base + (uint)(pool.Size - 1)), external: true);
        if (network.Gateway is { } gateway)
        {
            pool.Reserve(gateway, external: true);
        }

        pool.Save();
        return pool;
    }

    /// <summary>The pool, or null when the network's subnet is not one Ganeti can hold.</summary>
    public static AddressPool? TryOpen(Network network, IEnumerable<Instance> instances)
    {
        var subnet = AddressSyntax.ParseIPv4Network(network.Subnet);
        return subnet.Valid && subnet.PrefixLength is >= MinPrefixLength and <= MaxPrefixLength ? new AddressPool(network, subnet, instances, empty: false) : null;
    }

    /// <summary>
    /// A NIC's address on this network, as Ganeti's instance operations settle it:
    /// <c>pool</c> takes the lowest free address (logged; <paramref name="whenFull"/> when there
    /// is none), a given address must belong to the network and be free in it.
    /// </summary>
    public string Claim(string requested, bool conflictsCheck, string whenFull, Action<string> log)
    {
        if (requested.Equals("pool", StringComparison.OrdinalIgnoreCase))
        {
            var chosen = FirstFree() ?? throw SimError.Prereq(whenFull, ErrorCode.State);
            log($" - INFO: Chose IP {chosen} from network {_network.Name}");
            return chosen;
        }

        if (!Contains(requested) || IsReserved(requested, external: false) || (conflictsCheck && IsReserved(requested, external: true)))
        {
            throw SimError.Prereq($"IP address {requested} already in use or does not belong to network {_network.Name}", ErrorCode.NotUnique);
        }

        return requested;
    }

    /// <summary>
    /// Runs a change of the pool where Ganeti only warns when it fails (its address-pool errors
    /// become a logged warning); true when the change was made.
    /// </summary>
    public static bool Quietly(Action change, Action<string> log, string failed)
    {
        try
        {
            change();
            return true;
        }
        catch (SimError e) when (e.ErrorClass == ErrorClass)
        {
            log($" - WARNING: {failed}: {e.Message}");
            return false;
        }
    }

    /// <summary>Ganeti's <c>AddressPoolError</c>.</summary>
    public static SimError Error(string message) => SimError.Of(ErrorClass, message);

    public bool Contains(string? ip) => IndexOf(ip) is not null;

    /// <summary>The lowest address neither reserved nor used by an instance (Ganeti's <c>GenerateFree</c>), or null when the network is full.</summary>
    public string? FirstFree()
    {
        for (var i = 0; i < Size; i++)
        {
            if (!_external[i] && !_used[i])
            {
                return AddressSyntax.FormatIPv4(Base + (uint)i);
            }
        }

        return null;
    }

    /// <summary>Whether the address is reserved externally, or used by an instance; an address outside the network fails.</summary>
    public bool IsReserved(string ip, bool external) => external ? _external[Index(ip)] : _used[Index(ip)];

    public void Reserve(string ip, bool external)
    {
        if (IsReserved(ip, external))
        {
            throw Error(external ? $"IP {ip} is already externally reserved" : $"IP {ip} is already used by an instance");
        }

        Mark(ip, external, true);
    }

    public void Release(string ip, bool external)
    {
        if (!IsReserved(ip, external))
        {
            throw Error(external ? $"IP {ip} is not externally reserved" : $"IP {ip} is not used by an instance");
        }

        Mark(ip, external, false);
    }

    /// <summary>Writes the external reservations back into the network.</summary>
    public void Save()
    {
        var bits = new StringBuilder(Size);
        foreach (var reserved in _external)
        {
            bits.Append(reserved ? '1' : '0');
        }

        _network.ExtReservations = bits.ToString();
    }

    private static NetworkText SubnetOf(Network network)
    {
        var subnet = AddressSyntax.ParseIPv4Network(network.Subnet);
        if (!subnet.Valid)
        {
            throw Error(subnet.Problem ?? $"'{network.Subnet}' does not appear to be an IPv4 or IPv6 network");
        }

        var hosts = 1L << (32 - subnet.PrefixLength);
        if (subnet.PrefixLength < MinPrefixLength)
        {
            throw Error($"A big network with {hosts} host(s) is currently not supported. please specify at most a /{MinPrefixLength} network");
        }

        if (subnet.PrefixLength > MaxPrefixLength)
        {
            throw Error($"A network with only {hosts} host(s) is too small, please specify at least a /{MaxPrefixLength} network");
        }

        return subnet;
    }

    private void Mark(string ip, bool external, bool value) => (external ? _external : _used)[Index(ip)] = value;

    private int Index(string ip) => IndexOf(ip) ?? throw Error($"{Subnet} does not contain {ip}");

    private int? IndexOf(string? ip)
    {
        if (ip is null || !AddressSyntax.TryParseIPv4(ip, out var address))
        {
            return null;
        }

        var offset = (long)address - Base;
        return offset >= 0 && offset < Size ? (int)offset : null;
    }
}
