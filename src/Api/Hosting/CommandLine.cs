namespace Ganeti.Api.Hosting;

/// <summary>
/// ganeti-rapi style flags, turned into configuration keys for the built-in command-line
/// configuration provider. Switches without a value (e.g. <c>--no-ssl</c>) become <c>=true</c>.
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-p"] = "Rapi:Port",
        ["--port"] = "Rapi:Port",
        ["-b"] = "Rapi:Bind",
        ["--bind"] = "Rapi:Bind",
        ["--no-ssl"] = "Rapi:NoSsl",
        ["-C"] = "Rapi:SslCert",
        ["--ssl-cert"] = "Rapi:SslCert",
        ["-K"] = "Rapi:SslKey",
        ["--ssl-key"] = "Rapi:SslKey",
        ["--require-authentication"] = "Rapi:RequireAuthentication",
        ["--users-file"] = "Rapi:UsersFile",
        ["--data-dir"] = "Rapi:DataDir",
        ["--luxi-socket"] = "Rapi:LuxiSocket",
        ["--sim-time-scale"] = "Rapi:SimTimeScale",
        ["--max-clients"] = "Rapi:MaxClients",
        ["--ssh-nodes"] = "Ssh:Nodes",
        ["--ssh-user"] = "Ssh:User",
        ["--ssh-key"] = "Ssh:KeyFile",
        ["--ssh-known-hosts"] = "Ssh:KnownHostsFile",
        ["--ssh-remote-socket"] = "Ssh:RemoteSocket",
        ["--ssh-trust-on-first-use"] = "Ssh:TrustOnFirstUse",
        ["--ssh-master-node-file"] = "Ssh:MasterNodeFile",
    };

    private static readonly HashSet<string> BooleanSwitches = ["--no-ssl", "--require-authentication", "--ssh-trust-on-first-use"];

    /// <summary>Switches whose value may be left out, and the value they then take.</summary>
    private static readonly Dictionary<string, string> OptionalValues = new(StringComparer.Ordinal)
    {
        ["--luxi-socket"] = Infrastructure.Luxi.LuxiOptions.DefaultSocketPath,
    };

    public static string[] Normalize(IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (BooleanSwitches.Contains(arg))
            {
                result.Add(arg + "=true");
            }
            else if (OptionalValues.TryGetValue(arg, out var value) && (i + 1 == args.Count || args[i + 1].StartsWith('-')))
            {
                result.Add($"{arg}={value}");
            }
            else
            {
                result.Add(arg);
            }
        }

        return [.. result];
    }
}
