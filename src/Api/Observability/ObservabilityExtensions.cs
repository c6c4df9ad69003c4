using System.Diagnostics.Metrics;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Ganeti.Api.Auth;
using Ganeti.Api.Hosting;
using Ganeti.Api.Http;
using Ganeti.Application.Errors;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Simulator.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Ganeti.Api.Observability;

/// <summary>
/// The service's own endpoints beside RAPI: <c>/healthz</c> (the process answers),
/// <c>/readyz</c> (the master answers), <c>/metrics</c> (Prometheus text from OpenTelemetry).
/// </summary>
public static class ObservabilityExtensions
{
    public const string MetricsPolicy = "ganeti-metrics";

    /// <summary>The meters exported: ASP.NET Core's HTTP server and Kestrel, the runtime, the LUXI adapter and the simulator.</summary>
    public static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime", LuxiMetrics.MeterName, SimulatorMetrics.MeterName];

    public static IServiceCollection AddRapiObservability(this IServiceCollection services, RapiOptions rapi)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.ConfigureResource(r => r.AddService("ganeti-rapi")).AddMeter(Meters).AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);

            // OpenTelemetry picks meters by name, process-wide: a meter another host's factory
            // made (several hosts in one process, as in tests) is dropped here.
            ((IDeferredMeterProviderBuilder)metrics).Configure((services, builder) =>
            {
                var own = services.GetRequiredService<IMeterFactory>();
                builder.AddView(i => i.Meter.Scope is null || ReferenceEquals(i.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
            });
        });
        services.AddHealthChecks().AddCheck<MasterHealthCheck>(MasterHealthCheck.Name, timeout: rapi.ReadinessTimeout);
        services.AddSingleton<ReadinessProbe>();
        var users = rapi.MetricsUsers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, p => p
            .RequireAuthenticatedUser()
            .RequireAssertion(c => MayReadMetrics(c.User, rapi.MetricsAccess, users)));
        return services;
    }

    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder routes, RapiOptions rapi)
    {
        routes.MapGet("/healthz", () => RapiResults.Ok(new JsonObject { ["status"] = "alive" }))
            .AllowAnonymous().WithTags("service").WithSummary("The process answers.");
        routes.MapGet("/readyz", async (ReadinessProbe probe, CancellationToken ct) =>
        {
            var report = await probe.CheckAsync().WaitAsync(ct).ConfigureAwait(false);
            var master = report.Entries.GetValueOrDefault(MasterHealthCheck.Name);
            if (report.Status != HealthStatus.Healthy)
            {
                throw new UnavailableException("The master does not answer: " + (master.Description ?? master.Exception?.Message ?? "no answer"));
            }

            return RapiResults.Ok(new JsonObject { ["status"] = "ready", ["cluster_name"] = master.Data.GetValueOrDefault("cluster_name") as string });
        }).AllowAnonymous().WithTags("service").WithSummary("The master answers one LUXI call (the answer is reused for a moment); 503 when it does not.");
        var metrics = routes.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]), new ProducesResponseTypeMetadata(StatusCodes.Status200OK, null, ["text/plain"]));
        if (rapi.MetricsAccess != MetricsAccess.Anonymous)
        {
            metrics.RequireAuthorization(MetricsPolicy);
        }

        return routes;
    }

    private static bool MayReadMetrics(ClaimsPrincipal user, MetricsAccess access, IReadOnlySet<string> users)
    {
        if (user.Identity?.Name is { } name && users.Contains(name))
        {
            return true;
        }

        return access switch
        {
            MetricsAccess.Write => user.HasClaim(RapiAuthentication.OptionClaim, "write"),
            _ => user.HasClaim(RapiAuthentication.OptionClaim, "write") || user.HasClaim(RapiAuthentication.OptionClaim, "read"),
        };
    }
}
