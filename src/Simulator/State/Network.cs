namespace Ganeti.Simulator.State;

public sealed class Network : ConfigObject
{
    public string Name { get; set; } = string.Empty;

    public string Subnet { get; set; } = string.Empty;

    public string? Gateway { get; set; }

    public string? MacPrefix { get; set; }

    public string? Network6 { get; set; }

    public string? Gateway6 { get; set; }

    /// <summary>
    /// Addresses reserved outside Ganeti besides the network, broadcast and gateway
    /// addresses, which are always reserved.
    /// </summary>
    public List<string> ReservedIps { get; set; } = [];
}
