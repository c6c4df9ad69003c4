namespace Ganeti.Simulator.State;

/// <summary>
/// An OS definition installed on the (simulated) nodes: what <c>gnt-os list</c> and OS
/// queries show. Every vm-capable node has all of them.
/// </summary>
public sealed class OsDefinition
{
    public string Name { get; set; } = string.Empty;

    public List<string> Variants { get; set; } = [];

    public List<int> ApiVersions { get; set; } = [20];

    /// <summary>OS parameters: name and description.</summary>
    public List<(string Name, string Description)> Parameters { get; set; } = [];

    public bool Trusted { get; set; } = true;

    /// <summary>Where the OS scripts live on the nodes.</summary>
    public string Path => "/srv/ganeti/os/" + Name;

    /// <summary>The OSes the simulated nodes have: <c>noop</c> and <c>debootstrap</c>.</summary>
    public static List<OsDefinition> Defaults() =>
    [
        new() { Name = "debootstrap", Variants = ["default", "minimal"], ApiVersions = [20] },
        new() { Name = "noop", ApiVersions = [20] },
    ];
}
