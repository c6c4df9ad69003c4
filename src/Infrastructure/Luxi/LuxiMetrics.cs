using System.Diagnostics.Metrics;
using Ganeti.Application.Errors;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>
/// The LUXI adapter's instruments (meter <see cref="MeterName"/>): each call to the master by
/// method and outcome with its duration, and the jobs submitted, by opcode.
/// </summary>
public sealed class LuxiMetrics
{
    public const string MeterName = "Ganeti.Luxi";

    /// <summary>Instruments no host reads (adapters built by hand, as in tests).</summary>
    internal static readonly LuxiMetrics Unobserved = new(new Meter(MeterName));

    private readonly Histogram<double> _calls;
    private readonly Counter<long> _jobs;

    public LuxiMetrics(IMeterFactory meters)
        : this(meters.Create(MeterName))
    {
    }

    private LuxiMetrics(Meter meter)
    {
        _calls = meter.CreateHistogram(
            "ganeti.luxi.call.duration",
            unit: "s",
            description: "LUXI calls to the master by method and outcome, from the first connect attempt to the answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 90] });
        _jobs = meter.CreateCounter<long>(
            "ganeti.jobs.submitted",
            unit: "{job}",
            description: "Jobs the master accepted, by opcode (a job of several opcodes counts once for each).");
    }

    /// <summary>Records one call: <c>success</c>, or how it failed.</summary>
    public void Called(string method, TimeSpan elapsed, Exception? failure) =>
        _calls.Record(elapsed.TotalSeconds, new("ganeti.luxi.method", method), new("ganeti.luxi.outcome", Outcome(failure)));

    public void Submitted(IEnumerable<string> opIds)
    {
        foreach (var opId in opIds.Distinct(StringComparer.Ordinal))
        {
            _jobs.Add(1, new KeyValuePair<string, object?>("ganeti.opcode", opId));
        }
    }

    /// <summary>A small closed set of outcomes, so that the series stay few.</summary>
    public static string Outcome(Exception? failure) => failure switch
    {
        null => "success",
        MasterUnreachableException => "unreachable",
        MasterTimeoutException => "timeout",
        MasterProtocolException => "protocol_error",
        OperationCanceledException => "canceled",
        _ => "error",
    };
}
