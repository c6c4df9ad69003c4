using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Ganeti.Api.Hosting;

namespace Ganeti.Api.Tests.Hosting;

/// <summary>The systemd unit and its environment file (deploy/), and the service's sd_notify readiness.</summary>
public sealed partial class SystemdTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapi-systemd-").FullName;

    private static string Deploy(string name) => File.ReadAllText(Path.Combine(CommandLineTests.RepositoryRoot(), "deploy", name));

    private static string Directive(string unit, string name) =>
        unit.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    [Fact]
    public void Unit_IsTypeNotify_AndRunsAsTheSystemService()
    {
        var unit = Deploy("ganeti-rapi-net.service");

        Directive(unit, "Type").Should().Be("notify");
        Directive(unit, "StateDirectory").Should().Be(Path.GetFileName(RapiCommandLine.SystemDataDir));
        Directive(unit, "RestartPreventExitStatus").Should().Be(RapiCommandLine.UsageError.ToString(CultureInfo.InvariantCulture));
        Directive(unit, "ExecStart").Should().StartWith("/usr/local/lib/ganeti-rapi-net/Ganeti.Api --system ");
        unit.Should().Contain("EnvironmentFile=-/etc/default/ganeti\n").And.Contain("EnvironmentFile=-/etc/default/ganeti-rapi-net\n");
    }

    [Fact]
    public void UnitCommandLine_WithDebiansRapiArgs_AndTheShippedEnvironmentFile_Parses()
    {
        var unit = Deploy("ganeti-rapi-net.service");
        var netArgs = VariableAssignment().Match(Deploy("ganeti-rapi-net.default")).Groups["value"].Value;
        var variables = new Dictionary<string, string>
        {
            // Debian 12's /etc/default/ganeti.
            ["RAPI_ARGS"] = "-b 127.0.0.1 --require-authentication",
            ["RAPI_NET_ARGS"] = netArgs,
        };
        var words = Directive(unit, "ExecStart").Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .SelectMany(w => w.StartsWith('$') ? variables[w[1..]].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [w])
            .ToArray();

        using var error = new StringWriter();
        var parsed = RapiCommandLine.Parse(words, TextWriter.Null, error);

        error.ToString().Should().BeEmpty();
        parsed.ExitCode.Should().BeNull();
        parsed.System.Should().BeTrue();
        parsed.Settings.Should().Contain("Rapi:Bind", "127.0.0.1").And.Contain("Rapi:RequireAuthentication", "true")
            .And.Contain("Rapi:LuxiSocket", "/var/run/ganeti/socket/ganeti-query");
    }

    [Fact]
    public async Task UnderSystemd_TheServiceReportsReady_OnceItListens()
    {
        Environment.UserName.Should().Be("root", "the service must run as PID 1 of a new PID namespace (as in a container systemd starts), which needs root");
        var notifySocket = Path.Combine(_dir, "notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifySocket));
        var port = ApiProcess.FreePort();
        await using var service = ApiProcess.Start("unshare",
            ["--pid", "--fork", "dotnet", ApiProcess.Dll, "--no-ssl", "-p", port.ToString(CultureInfo.InvariantCulture), "--data-dir", _dir, "--sim-time-scale", "0"],
            [new("NOTIFY_SOCKET", notifySocket)]);

        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var read = await notify.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);

        Encoding.UTF8.GetString(buffer, 0, read).Should().Be("READY=1");
        using var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex("^RAPI_NET_ARGS=\"(?<value>[^\"]*)\"", RegexOptions.Multiline)]
    private static partial Regex VariableAssignment();
}
