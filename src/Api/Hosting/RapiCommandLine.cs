using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;

namespace Ganeti.Api.Hosting;

/// <summary>
/// The command line: ganeti-rapi 3.x's flags plus this service's own, parsed by
/// System.CommandLine. Each flag given becomes a configuration setting that outranks
/// appsettings and environment variables; <c>--help</c>, <c>--version</c> and usage errors
/// end the program before the host is built.
/// </summary>
public static class RapiCommandLine
{
    /// <summary>Exit code of a usage error (unknown flag, bad value), as with optparse.</summary>
    public const int UsageError = 2;

    /// <summary>The program's name in help and messages, whether started with dotnet, as the published executable or under a test host.</summary>
    public const string ProgramName = "Ganeti.Api";

    /// <summary>Debian's ganeti-rapi certificate (and key), the default with <c>--system</c>.</summary>
    public const string SystemCertificate = "/var/lib/ganeti/rapi.pem";

    /// <summary>Debian's RAPI users file.</summary>
    public const string SystemUsersFile = "/var/lib/ganeti/rapi/users";

    /// <summary>The state directory of the system service (systemd's <c>StateDirectory=ganeti-rapi-net</c>).</summary>
    public const string SystemDataDir = "/var/lib/ganeti-rapi-net";

    /// <summary>The defaults <c>--system</c> puts above the shipped appsettings.json.</summary>
    public static readonly IReadOnlyDictionary<string, string?> SystemDefaults = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Rapi:SslCert"] = SystemCertificate,
        ["Rapi:UsersFile"] = SystemUsersFile,
        ["Rapi:DataDir"] = SystemDataDir,
    };

    /// <summary>The host's own settings, which may be given as <c>--key=value</c> like any configuration key.</summary>
    private static readonly string[] HostKeys = ["environment", "contentRoot", "applicationName"];

    /// <summary>One flag: its option, the configuration key it sets and the default shown in --help.</summary>
    public sealed record Flag(Option Option, string? Key, string Default, Func<OptionResult, string?> Value);

    /// <summary>Every flag in --help order.</summary>
    public static IReadOnlyList<Flag> Flags { get; } = CreateFlags();

    private static readonly Option<bool> SystemOption = (Option<bool>)Flags.Single(f => f.Option.Name == "--system").Option;

    private static readonly Option<string> BindOption = (Option<string>)Flags.Single(f => f.Option.Name == "--bind").Option;

    private static readonly Option<string> InterfaceOption = (Option<string>)Flags.Single(f => f.Option.Name == "--interface").Option;

    public static Command CreateCommand()
    {
        var root = new Command(ProgramName, "Ganeti's remote API (RAPI v2, JSON over HTTPS) for a Ganeti cluster or its simulated copy. " +
            "Every flag can also be set in appsettings.json, in the environment (e.g. Rapi__Port=5081) or as a setting " +
            "(--Rapi:Port=5081, any configuration key); flags win.");
        foreach (var flag in Flags)
        {
            root.Options.Add(flag.Option);
        }

        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new VersionAction() });
        root.Validators.Add(result =>
        {
            if (result.GetResult(InterfaceOption) is { Implicit: false } && result.GetResult(BindOption) is { Implicit: false })
            {
                result.AddError("-i/--interface and -b/--bind exclude each other");
            }
        });
        return root;
    }

    /// <summary>
    /// Parses the arguments. Writes --help and --version to <paramref name="output"/>, a usage
    /// error as one line to <paramref name="error"/>, and then returns an exit code; otherwise
    /// returns the settings the flags make.
    /// </summary>
    public static Parsed Parse(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var command = CreateCommand();
        var settingArgs = args.Where(IsSetting).ToArray();
        var result = command.Parse([.. args.Where(a => !IsSetting(a))], new ParserConfiguration { ResponseFileTokenReplacer = null });
        var directives = result.Tokens.Where(t => t.Type == TokenType.Directive).Select(t => $"Unrecognized argument '{t.Value}'.");
        if (result.Errors.Count > 0 || directives.Any())
        {
            var messages = directives.Concat(result.Errors.Select(e => string.Join(' ', e.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)))).Distinct(StringComparer.Ordinal);
            error.WriteLine($"{ProgramName}: error: {string.Join("; ", messages)} (see --help)");
            return new Parsed(UsageError, new Dictionary<string, string?>(), false, []);
        }

        if (result.Action is not null && result.Action != command.Action)
        {
            var exit = result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return new Parsed(exit, new Dictionary<string, string?>(), false, []);
        }

        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var flag in Flags)
        {
            if (flag.Key is not null && result.GetResult(flag.Option) is { Implicit: false } given)
            {
                settings[flag.Key] = flag.Value(given);
            }
        }

        return new Parsed(null, settings, result.GetValue(SystemOption), settingArgs);
    }

    /// <summary>
    /// <c>--Section:Key=value</c> (or a host setting such as <c>--environment=Development</c>):
    /// a configuration setting by its key, for settings without a flag of their own.
    /// </summary>
    private static bool IsSetting(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 3)
        {
            return false;
        }

        var key = arg[2..equals];
        return key.Contains(':', StringComparison.Ordinal) || char.IsUpper(key[0]) || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The outcome of <see cref="Parse"/>: an exit code, or the settings to run with (the flags'
    /// settings, <c>--system</c>, and the <c>--Key=value</c> settings for the host's command-line provider).
    /// </summary>
    public sealed record Parsed(int? ExitCode, IReadOnlyDictionary<string, string?> Settings, bool System, string[] HostArgs);

    private static List<Flag> CreateFlags()
    {
        var flags = new List<Flag>();

        Flag Add<T>(Option<T> option, string? key, string @default, string description, Func<OptionResult, string?>? value = null)
        {
            option.Description = $"{description} [default: {@default}]";
            var flag = new Flag(option, key, @default, value ?? (r => Convert.ToString(r.GetValueOrDefault<T>(), CultureInfo.InvariantCulture)));
            flags.Add(flag);
            return flag;
        }

        static Func<OptionResult, string?> True() => _ => "true";

        Add(new Option<int>("--port", "-p") { HelpName = "PORT", CustomParser = r => ParseInt(r, 1, 65535, "a TCP port (1-65535)") },
            "Rapi:Port", "5080", "TCP port to listen on");
        Add(new Option<string>("--bind", "-b") { HelpName = "ADDRESS", CustomParser = ParseAddress },
            "Rapi:Bind", "127.0.0.1", "IP address to listen on; 0.0.0.0 or :: for all");
        Add(new Option<string>("--interface", "-i") { HelpName = "INTERFACE", CustomParser = ParseInterface },
            "Rapi:Bind", "none", "listen on this network interface's first IPv4 address (else its first IPv6 address); excludes -b");
        Add(new Option<bool>("--no-ssl") { Arity = ArgumentArity.Zero }, "Rapi:NoSsl", "off", "serve plain HTTP instead of HTTPS", True());
        Add(new Option<string>("--ssl-cert", "-C") { HelpName = "SSL_CERT_PATH" },
            "Rapi:SslCert", "DATA_DIR/rapi.pem, generated", $"PEM certificate; may hold the key too, like Ganeti's rapi.pem (with --system: {SystemCertificate})");
        Add(new Option<string>("--ssl-key", "-K") { HelpName = "SSL_KEY_PATH" },
            "Rapi:SslKey", "the certificate file", "PEM private key");
        Add(new Option<string>("--ssl-chain") { HelpName = "SSL_CHAIN_PATH" },
            "Rapi:SslChain", "none", "PEM intermediate certificates sent along with the certificate");
        Add(new Option<bool>("--require-authentication") { Arity = ArgumentArity.Zero },
            "Rapi:RequireAuthentication", "off", "every request needs credentials (otherwise GETs are anonymous)", True());
        Add(new Option<int>("--max-clients") { HelpName = "CLIENTS", CustomParser = r => ParseInt(r, 1, int.MaxValue, "a number of connections (at least 1)") },
            "Rapi:MaxClients", "1000", "connections served at once; more wait to be accepted");
        Add(new Option<bool>("--debug", "-d") { Arity = ArgumentArity.Zero },
            "Serilog:MinimumLevel:Default", "off", "log at debug level", _ => "Debug");
        Add(new Option<bool>("--foreground", "-f") { Arity = ArgumentArity.Zero },
            null, "on", "stay in the foreground; accepted for ganeti-rapi's sake: the service never detaches (systemd supervises it)");
        Add(new Option<string>("--syslog") { HelpName = "no|yes|only", CustomParser = r => ParseChoice(r, "no", "yes", "only") }, "Logging:Syslog", "no", "log to syslog (/dev/log) as well as the console (yes), or only there (only)");
        Add(new Option<string>("--users-file") { HelpName = "FILE" },
            "Rapi:UsersFile", SystemUsersFile, "Ganeti's RAPI users file (`user password [read,write]`)");
        Add(new Option<string>("--data-dir") { HelpName = "DIR" },
            "Rapi:DataDir", "data", $"simulator state and generated certificate (with --system: {SystemDataDir})");
        Add(new Option<bool>("--system") { Arity = ArgumentArity.Zero },
            null, "off", $"run as the system service: Debian's paths become the defaults ({SystemCertificate}, {SystemUsersFile}, {SystemDataDir})");
        Add(new Option<string>("--luxi-socket") { HelpName = "PATH", Arity = ArgumentArity.ZeroOrOne },
            "Rapi:LuxiSocket", "simulator", $"a real master's LUXI socket instead of the simulator; without PATH {Infrastructure.Luxi.LuxiOptions.DefaultSocketPath}",
            r => r.Tokens.Count == 0 ? Infrastructure.Luxi.LuxiOptions.DefaultSocketPath : r.Tokens[0].Value);
        Add(new Option<double>("--sim-time-scale") { HelpName = "F", CustomParser = ParseScale },
            "Rapi:SimTimeScale", "1", "multiplies the simulated operation times; 0 runs jobs instantly");
        Add(new Option<string>("--ssh-nodes") { HelpName = "HOST[:PORT],..." },
            "Ssh:Nodes", "off", "reach the master over SSH through these nodes; excludes --luxi-socket");
        Add(new Option<string>("--ssh-user") { HelpName = "USER" }, "Ssh:User", "root", "SSH login on the nodes");
        Add(new Option<string>("--ssh-key") { HelpName = "FILE" }, "Ssh:KeyFile", "none", "SSH private key (OpenSSH, PEM or PuTTY); required with --ssh-nodes");
        Add(new Option<string>("--ssh-known-hosts") { HelpName = "FILE" }, "Ssh:KnownHostsFile", "~/.ssh/known_hosts", "known_hosts file the nodes' host keys must be in");
        Add(new Option<bool>("--ssh-trust-on-first-use") { Arity = ArgumentArity.Zero },
            "Ssh:TrustOnFirstUse", "off", "accept and record the key of a host known_hosts does not list yet", True());
        Add(new Option<string>("--ssh-remote-socket") { HelpName = "PATH" },
            "Ssh:RemoteSocket", Infrastructure.Luxi.LuxiOptions.DefaultSocketPath, "LUXI socket on the master");
        Add(new Option<string>("--ssh-master-node-file") { HelpName = "PATH" },
            "Ssh:MasterNodeFile", "/var/lib/ganeti/ssconf_master_node", "where the nodes keep the master's name");
        return flags;
    }

    private static int ParseInt(ArgumentResult result, int min, int max, string what)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{OptionName(result)}: '{text}' is not {what}");
        return 0;
    }

    private static string? ParseChoice(ArgumentResult result, params string[] choices)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        result.AddError($"{OptionName(result)}: '{text}' is not one of {string.Join(", ", choices)}");
        return null;
    }

    private static double ParseScale(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)}: '{text}' is not a number at least 0");
        return 0;
    }

    private static string? ParseAddress(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (IPAddress.TryParse(text, out _))
        {
            return text;
        }

        result.AddError($"{OptionName(result)}: '{text}' is not an IP address (use -i to name an interface)");
        return null;
    }

    private static string? ParseInterface(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var found = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == text);
        if (found is null)
        {
            result.AddError($"{OptionName(result)}: no network interface '{text}'");
            return null;
        }

        var addresses = found.GetIPProperties().UnicastAddresses.Select(a => a.Address).ToList();
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal);
        if (address is null)
        {
            result.AddError($"{OptionName(result)}: network interface '{text}' has no IP address");
            return null;
        }

        return address.ToString();
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? string.Join('/', option.Option.Aliases.Append(option.Option.Name).OrderBy(a => a.Length)) : "argument";

    /// <summary>Prints the version like ganeti-rapi does (program, product, version).</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var version = typeof(RapiCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine($"{ProgramName} (Ganeti RAPI for .NET) {version.Split('+')[0]}; RAPI version 2, Ganeti 3.x compatible");
            return 0;
        }
    }
}
