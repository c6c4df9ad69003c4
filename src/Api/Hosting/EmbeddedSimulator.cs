using Ganeti.Simulator;

namespace Ganeti.Api.Hosting;

/// <summary>Runs the simulated master inside the host when no real master socket is configured.</summary>
public sealed class EmbeddedSimulator(SimulatorOptions options, TimeProvider time, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private SimulatedMaster? _master;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _master = SimulatedMaster.Start(options, time, loggers);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        // The host's stop and the container's dispose may both get here; only one disposes.
        if (Interlocked.Exchange(ref _master, null) is { } master)
        {
            await master.DisposeAsync().ConfigureAwait(false);
        }
    }
}
