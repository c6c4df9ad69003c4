using System.Net.Sockets;
using System.Text;
using Ganeti.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>The service pointed at a LUXI socket the test controls, with short LUXI timeouts.</summary>
public sealed class FaultyMasterServer : RawServer
{
    public string SocketPath => Path.Combine(DataDir, "master.sock");

    protected override IEnumerable<string> ExtraArguments => ["--luxi-socket", SocketPath];

    protected override IEnumerable<(string Name, string Value)> ExtraEnvironment =>
        [("Luxi__ConnectTimeout", "00:00:01"), ("Luxi__ReadWriteTimeout", "00:00:10")];
}

/// <summary>
/// What clients see when the master fails: gone (502, and served again without a restart once
/// it is back), silent (504 after the timeout while other requests are still served).
/// </summary>
public sealed class MasterFaultTests(FaultyMasterServer server) : IClassFixture<FaultyMasterServer>
{
    private async Task<(int Status, string Response)> GetAsync(string path)
    {
        var response = await server.ExchangeAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(60));
        return (int.Parse(response.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture), response);
    }

    [Fact]
    public async Task MasterGone_Is502_Silent_Is504WithoutStarvingOthers_Back_IsServedWithoutRestart()
    {
        // No master at all.
        var (gone, goneText) = await GetAsync("/2/info");
        gone.Should().Be(502);
        goneText.Should().Contain("\"code\":502").And.Contain(server.SocketPath);

        // A master that accepts connections and never answers: every call times out, and while
        // 32 of them wait, requests that need no master are answered at once.
        using (var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            silent.Bind(new UnixDomainSocketEndPoint(server.SocketPath));
            silent.Listen(100);
            var accepted = new List<Socket>();
            using var accepting = new CancellationTokenSource();
            var acceptLoop = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        accepted.Add(await silent.AcceptAsync(accepting.Token));
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });

            var waiting = Enumerable.Range(0, 32).Select(_ => GetAsync("/2/info")).ToList();
            var (version, versionText) = await GetAsync("/version");
            version.Should().Be(200);
            versionText.Should().EndWith("2\n");
            waiting.Should().OnlyContain(t => !t.IsCompleted, "the silent master has not answered yet");

            var timedOut = await Task.WhenAll(waiting);
            timedOut.Should().OnlyContain(r => r.Status == 504 && r.Response.Contains("\"code\":504"));

            await accepting.CancelAsync();
            await acceptLoop;
            accepted.ForEach(s => s.Dispose());
        }

        File.Delete(server.SocketPath);

        // The master is back: served without restarting the service.
        var options = new SimulatorOptions { DataDirectory = Path.Combine(Path.GetDirectoryName(server.SocketPath)!, "sim"), SocketPath = server.SocketPath, TimeScale = 0 };
        await using var master = SimulatedMaster.Start(options, TimeProvider.System, NullLoggerFactory.Instance);
        var (back, backText) = await GetAsync("/2/info");
        back.Should().Be(200);
        backText.Should().Contain("\"name\":");
    }
}
