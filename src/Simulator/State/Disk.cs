namespace Ganeti.Simulator.State;

public sealed class Disk
{
    public string Uuid { get; set; } = Guid.NewGuid().ToString();

    public string? Name { get; set; }

    /// <summary>Size in MiB.</summary>
    public long Size { get; set; }

    public int? Spindles { get; set; }

    public string Mode { get; set; } = "rw";
}
