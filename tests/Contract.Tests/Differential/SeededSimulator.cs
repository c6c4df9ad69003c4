using Ganeti.Infrastructure.Luxi;
using Ganeti.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Contract.Tests.Differential;

/// <summary>
/// A simulated master seeded as the copy of a real cluster, in a data directory of its own,
/// for a differential test class: it starts with the class and is removed with it.
/// </summary>
internal sealed class SeededSimulator : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly SimulatedMaster _master;

    public SeededSimulator(string seed)
    {
        _dataDir = Path.Combine(Path.GetTempPath(), $"diff-{seed}-" + Guid.NewGuid().ToString("N")[..8]);
        _master = SimulatedMaster.Start(
            new SimulatorOptions { DataDirectory = _dataDir, Seed = seed, TimeScale = 0.05 },
            TimeProvider.System,
            NullLoggerFactory.Instance);
    }

    public string SocketPath => _master.SocketPath;

    /// <summary>A fresh client of this master, as the differential's "simulator" side.</summary>
    public Master Client()
    {
        var options = Options.Create(new LuxiOptions { SocketPath = SocketPath, ConnectAttempts = 1 });
        return new Master("simulator", new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance));
    }

    public async ValueTask DisposeAsync()
    {
        await _master.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}

/// <summary>A differential test class with a <see cref="SeededSimulator"/> of its own for each test.</summary>
public abstract class SeededSimulatorTests(string seed) : IAsyncLifetime
{
    private SeededSimulator? _simulator;

    private protected SeededSimulator Simulator => _simulator ?? throw new InvalidOperationException("The simulator starts in InitializeAsync.");

    public Task InitializeAsync()
    {
        _simulator = new SeededSimulator(seed);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
