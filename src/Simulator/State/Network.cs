namespace Ganeti.Simulator.State;

public sealed class Network : ConfigObject
{
    public string Name { get; set; } = string.Empty;

    public string Subnet { get; set; } = string.Empty;

    public string? Gateway { get; set; }

    public string? MacPrefix { get; set; }
}
