namespace Ganeti.Simulator.State;

/// <summary>
/// An OS definition installed on the (simulated) nodes: what <c>gnt-os list</c> and OS
/// queries show. Every vm-capable node has all of them. Stored with the config, so that a
/// seed's list survives restarts.
/// </summary>
public sealed class OsDefinition
{
    public string Name { get; set; } = string.Empty;

    public List<string> Variants { get; set; } = [];

    public List<int> ApiVersions { get; set; } = [20];

    /// <summary>OS parameters: name and description.</summary>
    public List<OsParameter> Parameters { get; set; } = [];

    public bool Trusted { get; set; } = true;

    /// <summary>Where the OS scripts live on the nodes (where Debian's packaged OSes go).</summary>
    public string Path => "/usr/share/ganeti/os/" + Name;

    /// <summary>The OSes the simulated nodes have unless a seed says otherwise: <c>noop</c> and <c>debootstrap</c>.</summary>
    public static List<OsDefinition> Defaults() =>
    [
        new() { Name = "debootstrap", Variants = ["default", "minimal"], ApiVersions = [20] },
        new() { Name = "noop", ApiVersions = [20] },
    ];
}

/// <summary>An OS parameter: its name and description.</summary>
public sealed record OsParameter(string Name, string Description);
