namespace Ganeti.Simulator.State;

public sealed class Nic
{
    public string Uuid { get; set; } = Guid.NewGuid().ToString();

    public string? Name { get; set; }

    public string Mac { get; set; } = string.Empty;

    public string? Ip { get; set; }

    public string Mode { get; set; } = "bridged";

    public string Link { get; set; } = "gntbr0";

    public string Vlan { get; set; } = string.Empty;

    public string? NetworkUuid { get; set; }
}
