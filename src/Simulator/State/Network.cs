namespace Ganeti.Simulator.State;

public sealed class Network : ConfigObject
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The IPv4 subnet as it was given (e.g. <c>192.0.2.0/24</c>).</summary>
    public string Subnet { get; set; } = string.Empty;

    public string? Gateway { get; set; }

    public string? MacPrefix { get; set; }

    public string? Network6 { get; set; }

    public string? Gateway6 { get; set; }

    /// <summary>
    /// The addresses reserved outside Ganeti, stored as Ganeti stores them
    /// (<c>ext_reservations</c>): one <c>0</c> or <c>1</c> per address of the subnet, lowest
    /// first. Null for a network whose reservations were never changed: then the network,
    /// broadcast and gateway addresses are reserved, as Ganeti reserves them when it creates a
    /// network. Addresses of instance NICs on the network are reserved too; those come from
    /// the NICs (see <see cref="AddressPool"/>).
    /// </summary>
    public string? ExtReservations { get; set; }
}
