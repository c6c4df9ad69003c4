using System.Diagnostics.Metrics;
using Ganeti.Simulator;

namespace Ganeti.Api.Hosting;

/// <summary>Runs the simulated master inside the host when no real master socket is configured.</summary>
public sealed class EmbeddedSimulator(SimulatorOptions options, TimeProvider time, ILoggerFactory loggers, IMeterFactory meters) : IHostedService, IAsyncDisposable
{
    private SimulatedMaster? _master;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _master = SimulatedMaster.Start(options, time, loggers, meters);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        var master = Interlocked.Exchange(ref _master, null);
        if (master is not null)
        {
            await master.DisposeAsync().ConfigureAwait(false);
        }
    }
}
