using System.Globalization;
using System.Net;

namespace Ganeti.Infrastructure.Ssh;

/// <summary>A cluster node reachable over SSH: a host name or address and a port.</summary>
public sealed record SshNode(string Host, int Port)
{
    /// <summary>OpenSSH's default port; known_hosts names other ports as <c>[host]:port</c>.</summary>
    public const int StandardPort = 22;

    /// <summary>The name under which known_hosts records this node's key.</summary>
    public string KnownHostsName => Port == StandardPort ? Host.ToLowerInvariant() : $"[{Host.ToLowerInvariant()}]:{Port}";

    /// <summary>
    /// Parses <c>host</c>, <c>host:port</c>, <c>[address]:port</c> or a bare IPv6 address.
    /// </summary>
    public static SshNode Parse(string text, int defaultPort)
    {
        var value = text.Trim();
        if (value.Length == 0)
        {
            throw new FormatException("empty node name");
        }

        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 2 || (close + 1 < value.Length && value[close + 1] != ':'))
            {
                throw new FormatException($"'{value}' is not host[:port] or [address]:port");
            }

            host = value[1..close];
            port = close + 1 < value.Length ? value[(close + 2)..] : null;
        }
        else if (value.Count(c => c == ':') == 1)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            host = value[..colon];
            port = value[(colon + 1)..];
        }
        else
        {
            host = value;
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is ',' or '/' or '@'))
        {
            throw new FormatException($"'{value}' has no valid host name");
        }

        if (port is null)
        {
            return new SshNode(host, defaultPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? new SshNode(host, number)
            : throw new FormatException($"'{value}' has an invalid port '{port}'");
    }

    /// <summary>Parses a comma-separated list of nodes; refuses duplicates.</summary>
    public static IReadOnlyList<SshNode> ParseList(string text, int defaultPort)
    {
        var nodes = new List<SshNode>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var node = Parse(part, defaultPort);
            if (nodes.Any(n => n.Matches(node.Host) && n.Port == node.Port))
            {
                throw new FormatException($"node {node} is listed twice");
            }

            nodes.Add(node);
        }

        return nodes.Count > 0 ? nodes : throw new FormatException("no nodes given");
    }

    /// <summary>
    /// The configured node a Ganeti node name (as in <c>ssconf_master_node</c>) stands for:
    /// the entry with that exact host name, else the one with the same short name (first
    /// label; never for addresses), else the name itself on <paramref name="defaultPort"/>.
    /// </summary>
    public static SshNode Resolve(string name, IReadOnlyList<SshNode> configured, int defaultPort)
    {
        var exact = configured.FirstOrDefault(n => n.Matches(name));
        if (exact is not null)
        {
            return exact;
        }

        var shortName = ShortName(name);
        if (shortName is not null)
        {
            var byShortName = configured.FirstOrDefault(n => string.Equals(ShortName(n.Host), shortName, StringComparison.OrdinalIgnoreCase));
            if (byShortName is not null)
            {
                return byShortName;
            }
        }

        return new SshNode(name, defaultPort);
    }

    public bool Matches(string host) => string.Equals(Host, host, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    private static string? ShortName(string host) =>
        IPAddress.TryParse(host, out _) ? null : host.Split('.', 2)[0];
}
