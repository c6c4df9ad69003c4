using System.Text.RegularExpressions;
using Ganeti.Api.Hosting;
using Microsoft.Extensions.Configuration;

namespace Ganeti.Api.Tests.Hosting;

/// <summary>The command line parsed in-process: what each flag sets, what it refuses, what --help says.</summary>
public sealed partial class CommandLineTests
{
    private static (RapiCommandLine.Parsed Parsed, string Output, string Error) Parse(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var parsed = RapiCommandLine.Parse(args, output, error);
        return (parsed, output.ToString(), error.ToString());
    }

    [Fact]
    public void DebugDoesNotSwallowThePort()
    {
        var (parsed, _, error) = Parse("--debug", "-p", "5399");

        error.Should().BeEmpty();
        parsed.ExitCode.Should().BeNull();
        parsed.Settings.Should().Equal(new Dictionary<string, string?>
        {
            ["Rapi:Port"] = "5399",
            ["Serilog:MinimumLevel:Default"] = "Debug",
        });
    }

    [Fact]
    public void EveryGanetiRapiFlag_IsAccepted_AndSetsItsKey()
    {
        var cert = Path.GetTempFileName();
        try
        {
            var (parsed, _, error) = Parse("-d", "-f", "--syslog", "yes", "-p", "5081", "-i", "lo", "--no-ssl",
                "-C", cert, "-K", cert, "--ssl-chain", cert, "--require-authentication", "--max-clients", "7");

            error.Should().BeEmpty();
            parsed.ExitCode.Should().BeNull();
            parsed.Settings.Should().Equal(new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Debug",
                ["Logging:Syslog"] = "yes",
                ["Rapi:Port"] = "5081",
                ["Rapi:Bind"] = "127.0.0.1",
                ["Rapi:NoSsl"] = "true",
                ["Rapi:SslCert"] = cert,
                ["Rapi:SslKey"] = cert,
                ["Rapi:SslChain"] = cert,
                ["Rapi:RequireAuthentication"] = "true",
                ["Rapi:MaxClients"] = "7",
            });
        }
        finally
        {
            File.Delete(cert);
        }
    }

    [Fact]
    public void OwnFlags_SetTheirKeys_AndOnlyGivenFlagsAppear()
    {
        Parse().Parsed.Settings.Should().BeEmpty("a flag not given must leave appsettings and the environment in charge");

        var (parsed, _, _) = Parse("--users-file", "/u", "--data-dir", "/d", "--sim-time-scale", "0.5", "-b", "::1", "--luxi-socket", "/s");
        parsed.Settings.Should().Equal(new Dictionary<string, string?>
        {
            ["Rapi:UsersFile"] = "/u",
            ["Rapi:DataDir"] = "/d",
            ["Rapi:SimTimeScale"] = "0.5",
            ["Rapi:Bind"] = "::1",
            ["Rapi:LuxiSocket"] = "/s",
        });
        parsed.System.Should().BeFalse();
    }

    [Fact]
    public void LuxiSocketWithoutPath_IsGanetisSocket()
    {
        Parse("--luxi-socket").Parsed.Settings.Should().Equal(new Dictionary<string, string?> { ["Rapi:LuxiSocket"] = "/var/run/ganeti/socket/ganeti-query" });
        Parse("--luxi-socket", "--no-ssl").Parsed.Settings.Should().Equal(new Dictionary<string, string?>
        {
            ["Rapi:LuxiSocket"] = "/var/run/ganeti/socket/ganeti-query",
            ["Rapi:NoSsl"] = "true",
        });
    }

    [Fact]
    public void System_IsAFlagOfItsOwn_NotASetting()
    {
        var (parsed, _, _) = Parse("--system", "-f");

        parsed.System.Should().BeTrue();
        parsed.Settings.Should().BeEmpty();
    }

    [Fact]
    public void ConfigurationKeys_AsSettings_GoToTheHost()
    {
        var (parsed, _, error) = Parse("--environment=Development", "--Rapi:BodyIdleTimeout=00:00:05", "--Serilog=", "-p", "5081");

        error.Should().BeEmpty();
        parsed.HostArgs.Should().Equal("--environment=Development", "--Rapi:BodyIdleTimeout=00:00:05", "--Serilog=");
        parsed.Settings.Should().Equal(new Dictionary<string, string?> { ["Rapi:Port"] = "5081" });
        Parse("--port=5081").Parsed.Settings.Should().Equal(new Dictionary<string, string?> { ["Rapi:Port"] = "5081" });
    }

    [Theory]
    [InlineData(new[] { "--frobnicate" }, "'--frobnicate'")]
    [InlineData(new[] { "-p", "abc" }, "-p/--port: 'abc' is not a TCP port")]
    [InlineData(new[] { "-p", "70000" }, "-p/--port: '70000'")]
    [InlineData(new[] { "-p" }, "-p")]
    [InlineData(new[] { "-b", "localhost" }, "-b/--bind: 'localhost' is not an IP address")]
    [InlineData(new[] { "-i", "no-such-nic0" }, "-i/--interface: no network interface 'no-such-nic0'")]
    [InlineData(new[] { "-i", "lo", "-b", "127.0.0.1" }, "-i/--interface and -b/--bind exclude each other")]
    [InlineData(new[] { "--max-clients", "0" }, "--max-clients: '0'")]
    [InlineData(new[] { "--syslog", "maybe" }, "--syslog: 'maybe' is not one of no, yes, only")]
    [InlineData(new[] { "--sim-time-scale", "-1" }, "--sim-time-scale: '-1'")]
    [InlineData(new[] { "extra" }, "'extra'")]
    [InlineData(new[] { "[diagram]", "-p", "1" }, "'[diagram]'")]
    [InlineData(new[] { "@/etc/rapi-args" }, "'@/etc/rapi-args'")]
    public void BadInput_IsOneLineNamingTheFlag_AndExitCode2(string[] args, string expected)
    {
        var (parsed, output, error) = Parse(args);

        parsed.ExitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().MatchRegex(@"^\S+: error: ").And.Contain(expected);
        error.TrimEnd('\n').Should().NotContain("\n");
    }

    [Fact]
    public void Help_ListsEveryFlagWithItsDefault()
    {
        var (parsed, output, error) = Parse("--help");

        parsed.ExitCode.Should().Be(0);
        error.Should().BeEmpty();
        var rows = HelpRows(output);
        foreach (var flag in RapiCommandLine.Flags)
        {
            rows.Should().ContainKey(flag.Option.Name).WhoseValue.Default.Should().Be(flag.Default);
        }

        rows.Keys.Should().Contain(["--help", "--version"]);
    }

    [Fact]
    public void Version_PrintsTheProductAndVersion()
    {
        var (parsed, output, _) = Parse("--version");

        parsed.ExitCode.Should().Be(0);
        output.Should().MatchRegex(@"^\S+ \(Ganeti RAPI for \.NET\) \d+\.\d+\.\d+; RAPI version 2");
    }

    [Fact]
    public void ReadmeFlagTable_MatchesHelp()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var table = readme[readme.IndexOf("| flag | default | meaning |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var readmeRows = table.Split('\n').Skip(2)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => Aliases(cells[1]), cells => cells[2].Trim('`'));
        var helpRows = HelpRows(Parse("--help").Output)
            .Where(r => r.Key is not ("--help" or "--version"))
            .ToDictionary(r => r.Value.Aliases, r => r.Value.Default);

        readmeRows.Should().BeEquivalentTo(helpRows, "the README's flag table must list what --help lists, with the same defaults");
    }

    /// <summary>Help's option rows by long name: their aliases ("-p, --port") and the default in brackets.</summary>
    private static Dictionary<string, (string Aliases, string Default)> HelpRows(string help)
    {
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match match in HelpRow().Matches(help))
        {
            var aliases = Aliases(match.Groups["aliases"].Value);
            rows[aliases.Split(", ")[^1]] = (aliases, match.Groups["default"].Success ? match.Groups["default"].Value : string.Empty);
        }

        return rows;
    }

    /// <summary>"`-p`, `--port`" or "-p, --port &lt;PORT&gt;" as "-p, --port".</summary>
    private static string Aliases(string cell) =>
        string.Join(", ", AliasToken().Matches(cell).Select(m => m.Value).Where(a => a != "-?" && a != "-h").OrderBy(a => a.StartsWith("--", StringComparison.Ordinal)));

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ganeti.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no Ganeti.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^  (?<aliases>-\S+(?:, -\S+)*)(?: <[^>]*>)?\s{2,}.*?(?:\[default: (?<default>[^\]]*)\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex HelpRow();

    [GeneratedRegex(@"(?<![\w-])--?[a-z?][a-z-]*")]
    private static partial Regex AliasToken();
}
