using System.Net;
using Ganeti.Api.Routing;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Simulator;

namespace Ganeti.Api.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// Chooses the master: a real one when <c>--luxi-socket</c> is given, otherwise the
    /// embedded simulator on a socket in the data directory.
    /// </summary>
    public static IServiceCollection AddMaster(this IServiceCollection services, RapiOptions rapi)
    {
        if (!string.IsNullOrEmpty(rapi.LuxiSocket))
        {
            services.PostConfigure<LuxiOptions>(o => o.SocketPath = rapi.LuxiSocket);
            return services;
        }

        var simulator = new SimulatorOptions
        {
            DataDirectory = Path.GetFullPath(rapi.DataDir),
            TimeScale = rapi.SimTimeScale,
        };
        services.AddSingleton(simulator);
        services.AddHostedService<EmbeddedSimulator>();
        services.PostConfigure<LuxiOptions>(o => o.SocketPath = simulator.ResolvedSocketPath);
        return services;
    }

    /// <summary>Listens on the configured address and port, with TLS unless <c>--no-ssl</c>.</summary>
    public static void ConfigureRapiEndpoint(this WebApplicationBuilder builder, RapiOptions rapi)
    {
        builder.Services.Configure<RouteOptions>(o => o.ConstraintMap[GanetiNameRouteConstraint.Name] = typeof(GanetiNameRouteConstraint));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = Http.RapiBody.MaxBytes;
            var address = IPAddress.Parse(rapi.Bind);
            kestrel.Listen(address, rapi.Port, listen =>
            {
                if (!rapi.NoSsl)
                {
                    listen.UseHttps(ServerCertificate.Load(rapi));
                }
            });
        });
    }
}
