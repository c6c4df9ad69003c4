using System.Text.Json.Nodes;
using Ganeti.Infrastructure.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Simulator.Tests;

/// <summary>A simulated master in a temporary data directory, and a real LUXI client to talk to it.</summary>
public sealed class SimulatorFixture : IAsyncDisposable
{
    /// <param name="prepare">Changes the demo cluster before the master first starts on it.</param>
    /// <param name="seed">The seed of a fresh data directory (default: the demo cluster).</param>
    /// <param name="iallocatorDirectory">Where the master looks for iallocator scripts; null: where Debian installs them.</param>
    public SimulatorFixture(double timeScale = 0, int maxRunningJobs = 4, Action<State.ClusterState>? prepare = null, string? iallocatorDirectory = null, string? seed = null)
    {
        DataDir = Path.Combine(Path.GetTempPath(), "sim-" + Guid.NewGuid().ToString("N")[..10]);
        Options = new SimulatorOptions { DataDirectory = DataDir, TimeScale = timeScale, MaxRunningJobs = maxRunningJobs };
        if (seed is not null)
        {
            Options.Seed = seed;
        }

        if (iallocatorDirectory is not null)
        {
            Options.IallocatorDirectory = iallocatorDirectory;
        }

        if (prepare is not null)
        {
            Directory.CreateDirectory(DataDir);
            var state = Seed.DemoCluster.Create(DateTimeOffset.UtcNow);
            prepare(state);
            using var store = new Store.SimStore(Options.DatabasePath);
            store.SaveState(state);
        }

        Master = SimulatedMaster.Start(Options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public string DataDir { get; }

    public SimulatorOptions Options { get; }

    public SimulatedMaster Master { get; private set; }

    public LuxiClient Client()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new LuxiOptions { SocketPath = Master.SocketPath, ConnectAttempts = 1, ReadWriteTimeout = TimeSpan.FromSeconds(30) });
        return new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
    }

    public Task<JsonNode?> Call(string method, params JsonNode?[] args) => Client().CallAsync(method, new JsonArray(args), CancellationToken.None).AsTask();

    /// <summary>Stops the master and starts a new one on the same data directory.</summary>
    public async Task RestartAsync()
    {
        await Master.DisposeAsync();
        Master = SimulatedMaster.Start(Options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    /// <summary>Waits for a job to end: see <see cref="JobWait"/>.</summary>
    public Task<string> WaitForJobAsync(long id, TimeSpan? limit = null) => JobWait.UntilEndAsync(args => Call("WaitForJobChange", args), id, limit);

    public async ValueTask DisposeAsync()
    {
        await Master.DisposeAsync();
        Directory.Delete(DataDir, recursive: true);
    }
}
