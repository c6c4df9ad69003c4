using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Ganeti.Api.Hosting;

namespace Ganeti.Api.Tests.Hosting;

/// <summary>The built program run as a process: what it prints, how it exits, what it listens on.</summary>
public sealed class CommandLineProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapi-cli-").FullName;

    [Fact]
    public async Task Help_PrintsAndExits_WithoutStartingTheServer()
    {
        var (exit, stdout, stderr) = await ApiProcess.RunServiceAsync("--help");

        exit.Should().Be(0);
        stderr.Should().BeEmpty();
        stdout.Should().Contain("-p, --port <PORT>").And.Contain("[default: 5080]").And.NotContain("Now listening");
    }

    [Fact]
    public async Task Version_PrintsAndExits()
    {
        var (exit, stdout, _) = await ApiProcess.RunServiceAsync("--version");

        exit.Should().Be(0);
        stdout.Should().StartWith("Ganeti.Api (Ganeti RAPI for .NET) ");
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("-p", "abc")]
    [InlineData("-b", "localhost")]
    [InlineData("-C", "/no/such/rapi.pem")]
    public async Task BadFlag_IsOneLineOnStderr_AndExitCode2(params string[] args)
    {
        var (exit, stdout, stderr) = await ApiProcess.RunServiceAsync(args);

        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("Ganeti.Api: error: ").And.Contain(args[0]);
        stderr.TrimEnd('\n').Should().NotContain("\n", "no stack trace");
    }

    [Fact]
    public async Task FlagsAndEnvironment_Combine_FlagsWin()
    {
        var flagPort = ApiProcess.FreePort();
        var envPort = ApiProcess.FreePort();
        await using var service = ApiProcess.StartService(
            ["--debug", "-p", flagPort.ToString(CultureInfo.InvariantCulture), "--data-dir", _dir, "--sim-time-scale", "0"],
            [new("Rapi__Port", envPort.ToString(CultureInfo.InvariantCulture)), new("Rapi__NoSsl", "true")]);
        await service.WaitForPortAsync(flagPort, TimeSpan.FromSeconds(60));

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{flagPort}") };
        (await client.GetStringAsync("/version")).Should().Be("2\n", "plain HTTP comes from the environment, the port from the flag");
        await service.WaitForOutputAsync("DBG] Handled GetVersionQuery", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task SyslogOnly_SendsTheLogToTheSyslogSocket_NotTheConsole()
    {
        var socketPath = Path.Combine(_dir, "log");
        using var syslog = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        syslog.Bind(new UnixDomainSocketEndPoint(socketPath));
        var port = ApiProcess.FreePort();
        await using var service = ApiProcess.StartService(
            ["--syslog", "only", "--no-ssl", "-p", port.ToString(CultureInfo.InvariantCulture), "--data-dir", _dir, "--sim-time-scale", "0"],
            [new("Logging__SyslogSocket", socketPath)]);

        var buffer = new byte[8192];
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string datagram;
        do
        {
            var read = await syslog.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
            datagram = Encoding.UTF8.GetString(buffer, 0, read);
        }
        while (!datagram.Contains("Now listening", StringComparison.Ordinal));

        datagram.Should().Be($"<30>Ganeti.Api[{service.Id}]: Now listening on: http://127.0.0.1:{port}", "facility daemon, severity info");
        await service.WaitForPortAsync(port, TimeSpan.FromSeconds(30));
        service.StandardOutput.Should().NotContain("Now listening");
    }

    [Fact]
    public async Task Syslog_WithoutASyslogSocket_IsAUsageError()
    {
        await using var service = ApiProcess.StartService(["--syslog", "yes", "--no-ssl"], [new("Logging__SyslogSocket", Path.Combine(_dir, "none"))]);

        (await service.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(RapiCommandLine.UsageError);
        service.StandardError.Should().Be($"Ganeti.Api: error: --syslog: there is no syslog socket at '{Path.Combine(_dir, "none")}'\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
