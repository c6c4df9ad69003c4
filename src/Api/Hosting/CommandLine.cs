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
    };

    private static readonly HashSet<string> BooleanSwitches = ["--no-ssl", "--require-authentication"];

    public static string[] Normalize(IEnumerable<string> args) =>
        [.. args.Select(a => BooleanSwitches.Contains(a) ? a + "=true" : a)];
}
