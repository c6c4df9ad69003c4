using System.Diagnostics.Metrics;
using Ganeti.Simulator.Execution;
using Ganeti.Simulator.Jobs;
using Ganeti.Simulator.Luxi;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;
using Ganeti.Simulator.Store;
using Microsoft.Extensions.Logging;

namespace Ganeti.Simulator;

/// <summary>
/// The whole simulated master: store, cluster state, job queue and LUXI server. A fresh
/// data directory is seeded with the demo cluster.
/// </summary>
public sealed class SimulatedMaster : IAsyncDisposable
{
    private readonly SimStore _store;
    private readonly LuxiServer _server;
    private readonly SimulatorMetrics _metrics;
    private Lazy<Task>? _shutdown;

    private SimulatedMaster(SimStore store, ClusterState state, JobQueue jobs, LuxiServer server, SimulatorMetrics metrics)
    {
        _store = store;
        _metrics = metrics;
        State = state;
        Jobs = jobs;
        _server = server;
    }

    public ClusterState State { get; }

    public JobQueue Jobs { get; }

    public string SocketPath => _server.SocketPath;

    /// <summary>Opens (or seeds) the store and starts the queue and the LUXI server; instruments go on <paramref name="meters"/>' meter when given.</summary>
    public static SimulatedMaster Start(SimulatorOptions options, TimeProvider time, ILoggerFactory loggers, IMeterFactory? meters = null)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var store = new SimStore(options.DatabasePath);
        var state = store.LoadState();
        if (state is null)
        {
            state = options.Seed switch
            {
                ReferenceCluster.Name => ReferenceCluster.Create(time.GetUtcNow()),
                ReferenceThreeNodeCluster.Name => ReferenceThreeNodeCluster.Create(time.GetUtcNow()),
                "demo" => DemoCluster.Create(time.GetUtcNow()),
                var other => throw new ArgumentException(
                    $"Unknown seed '{other}' (known: demo, {ReferenceCluster.Name}, {ReferenceThreeNodeCluster.Name})", nameof(options)),
            };
            store.SaveState(state);
        }

        var metrics = new SimulatorMetrics(meters);
        var jobs = new JobQueue(state, store, options, new OpCatalog(), time, loggers.CreateLogger<JobQueue>(), metrics);
        jobs.Start();
        var server = new LuxiServer(options.ResolvedSocketPath, new LuxiDispatcher(state, jobs), loggers.CreateLogger<LuxiServer>());
        server.Start();
        return new SimulatedMaster(store, state, jobs, server, metrics);
    }

    /// <summary>Stops the master; concurrent or repeated calls share the one shutdown.</summary>
    public ValueTask DisposeAsync()
    {
        var shutdown = new Lazy<Task>(ShutdownAsync);
        var current = Interlocked.CompareExchange(ref _shutdown, shutdown, null) ?? shutdown;
        return new ValueTask(current.Value);
    }

    private async Task ShutdownAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await Jobs.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
        _store.Dispose();
    }
}
