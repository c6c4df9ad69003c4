using Ganeti.Api.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ganeti.Api.Observability;

/// <summary>
/// Runs the health checks for <c>/readyz</c> at most once per <see cref="RapiOptions.ReadinessCache"/>:
/// probes that come within that time share the last run (or the one under way), so that a
/// busy prober never adds more than one LUXI call per period.
/// </summary>
public sealed class ReadinessProbe(HealthCheckService health, TimeProvider time, IOptions<RapiOptions> options)
{
    private readonly Lock _sync = new();
    private (DateTimeOffset Started, Task<HealthReport> Report)? _last;

    public Task<HealthReport> CheckAsync()
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            if (_last is { } last && now - last.Started < options.Value.ReadinessCache)
            {
                return last.Report;
            }

            // Not tied to one caller's request: others may wait for the same run.
            var report = health.CheckHealthAsync(CancellationToken.None);
            _last = (now, report);
            return report;
        }
    }
}
