using Ganeti.Application.Errors;
using Ganeti.Application.Health;
using Mediator;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ganeti.Api.Observability;

/// <summary>Healthy when the master answers one cheap LUXI call (<see cref="PingMasterQuery"/>).</summary>
public sealed class MasterHealthCheck(ISender sender) : IHealthCheck
{
    public const string Name = "master";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var ping = await sender.Send(new PingMasterQuery(), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["cluster_name"] = ping.ClusterName ?? string.Empty });
        }
        catch (GanetiException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
