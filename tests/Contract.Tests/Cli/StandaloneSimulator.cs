using System.Diagnostics;
using Ganeti.Simulator;

namespace Ganeti.Contract.Tests.Cli;

/// <summary>
/// The simulator in standalone mode (its own process, as <c>dotnet run --project src/Simulator</c>
/// runs it) on a socket in a temporary data directory, with jobs running instantly.
/// </summary>
public sealed class StandaloneSimulator : IAsyncDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cli-sim-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    private StandaloneSimulator()
    {
    }

    public string Socket => Path.Combine(_dataDir, "luxi.sock");

    /// <summary>Starts it seeded with <paramref name="seed"/> (<c>demo</c> or <c>reference</c>) and waits until it listens.</summary>
    public static async Task<StandaloneSimulator> StartAsync(string seed = "demo")
    {
        var simulator = new StandaloneSimulator();
        Directory.CreateDirectory(simulator._dataDir);
        try
        {
            simulator._process = Process.Start(new ProcessStartInfo(
                "dotnet",
                [typeof(SimulatedMaster).Assembly.Location, "--data-dir", simulator._dataDir, "--socket", simulator.Socket, "--sim-time-scale", "0", "--seed", seed])
            {
                RedirectStandardOutput = true,
            })!;
            var ready = await simulator._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            ready.Should().Be($"simulated master listening on {simulator.Socket}");
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }

        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
