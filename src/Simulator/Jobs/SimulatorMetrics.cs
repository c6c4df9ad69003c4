using System.Diagnostics.Metrics;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;

namespace Ganeti.Simulator.Jobs;

/// <summary>
/// The simulated master's instruments (meter <see cref="MeterName"/>): how many jobs are
/// queued, waiting for locks and running, and how long the jobs its workers ran took from
/// submission to their end, by opcode and final status.
/// </summary>
public sealed class SimulatorMetrics : IDisposable
{
    public const string MeterName = "Ganeti.Simulator";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _durations;
    private Func<IReadOnlyDictionary<JobStatus, int>>? _depth;

    /// <summary>Instruments on a meter of the host's factory, or on one of their own when there is none.</summary>
    public SimulatorMetrics(IMeterFactory? meters = null)
    {
        _ownsMeter = meters is null;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _durations = _meter.CreateHistogram(
            "ganeti.simulator.job.duration",
            unit: "s",
            description: "Jobs the simulator ran, from submission to their end, by first opcode and final status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });
        _meter.CreateObservableGauge(
            "ganeti.simulator.queue.depth",
            ObserveDepth,
            unit: "{job}",
            description: "Jobs not finished yet, by status: queued, waiting (for locks or dependencies) and running.");
    }

    /// <summary>Where the queue depth is read at each collection; the queue calls it when it starts.</summary>
    internal void Observe(Func<IReadOnlyDictionary<JobStatus, int>> depth) => _depth = depth;

    internal void Finished(string opId, JobStatus status, TimeSpan duration) =>
        _durations.Record(
            Math.Max(0, duration.TotalSeconds),
            new("ganeti.opcode", opId),
            new("ganeti.job.status", WireNames<JobStatus>.ToWire(status)));

    public void Dispose()
    {
        _depth = null;
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<int>> ObserveDepth()
    {
        if (_depth?.Invoke() is not { } counts)
        {
            return [];
        }

        return [.. new[] { JobStatus.Queued, JobStatus.Waiting, JobStatus.Running }
            .Select(s => new Measurement<int>(counts.GetValueOrDefault(s), new KeyValuePair<string, object?>("ganeti.job.status", WireNames<JobStatus>.ToWire(s))))];
    }
}
