using System.ComponentModel.DataAnnotations;
using Ganeti.Infrastructure.Luxi;

namespace Ganeti.Infrastructure.Ssh;

/// <summary>
/// Reaching the master's LUXI socket over SSH from another host (configuration section
/// <c>Ssh</c>); used when <see cref="Nodes"/> is set.
/// </summary>
public sealed class SshOptions
{
    public const string SectionName = "Ssh";

    /// <summary>Where Ganeti keeps the master's name on every node (ssconf).</summary>
    public const string DefaultMasterNodeFile = "/var/lib/ganeti/ssconf_master_node";

    /// <summary>The cluster's nodes, <c>host[:port]</c> separated by commas; any of them may be asked who the master is.</summary>
    public string? Nodes { get; set; }

    [Required]
    public string User { get; set; } = "root";

    /// <summary>The private key (OpenSSH, PEM or PuTTY format) used to log in.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Passphrase of <see cref="KeyFile"/>, if it has one.</summary>
    public string? KeyPassphrase { get; set; }

    /// <summary>OpenSSH known_hosts file the nodes' host keys are checked against; default <c>~/.ssh/known_hosts</c>.</summary>
    public string? KnownHostsFile { get; set; }

    /// <summary>Accept and record the key of a host that known_hosts does not list yet (never a changed key).</summary>
    public bool TrustOnFirstUse { get; set; }

    /// <summary>The LUXI socket on the master node.</summary>
    [Required]
    public string RemoteSocket { get; set; } = LuxiOptions.DefaultSocketPath;

    [Required]
    public string MasterNodeFile { get; set; } = DefaultMasterNodeFile;

    /// <summary>Port for nodes given without one, and for a master named in ssconf that is not in <see cref="Nodes"/>.</summary>
    [Range(1, 65535)]
    public int DefaultPort { get; set; } = SshNode.StandardPort;

    /// <summary>TCP connect and SSH handshake limit for one node, so discovery can move on to the next.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Channels open at once on one SSH connection (OpenSSH's MaxSessions is 10); more open another connection.</summary>
    [Range(1, 1000)]
    public int MaxChannelsPerConnection { get; set; } = 10;

    /// <summary>SSH keep-alive interval, to notice a dead connection while idle; zero disables it.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Nodes);

    public string ResolvedKnownHostsFile => ExpandHome(string.IsNullOrWhiteSpace(KnownHostsFile) ? "~/.ssh/known_hosts" : KnownHostsFile);

    public string? ResolvedKeyFile => string.IsNullOrWhiteSpace(KeyFile) ? null : ExpandHome(KeyFile);

    /// <summary>Loads the private key at <paramref name="path"/>, with the passphrase when one is set.</summary>
    public Renci.SshNet.PrivateKeyFile LoadKey(string path) =>
        string.IsNullOrEmpty(KeyPassphrase) ? new Renci.SshNet.PrivateKeyFile(path) : new Renci.SshNet.PrivateKeyFile(path, KeyPassphrase);

    public IReadOnlyList<SshNode> ParseNodes() => SshNode.ParseList(Nodes ?? string.Empty, DefaultPort);

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : string.Empty)
            : path;
}
