using System.Net;
using Ganeti.Api.Routing;
using Ganeti.Infrastructure;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Infrastructure.Ssh;
using Ganeti.Simulator;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Ganeti.Api.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// Chooses the master: a real one over SSH when <c>--ssh-nodes</c> is given, or on a local
    /// socket with <c>--luxi-socket</c>; otherwise the embedded simulator on a socket in the
    /// data directory.
    /// </summary>
    public static IServiceCollection AddMaster(this IServiceCollection services, RapiOptions rapi, IConfiguration configuration)
    {
        var ssh = configuration.GetSection(SshOptions.SectionName).Get<SshOptions>() ?? new SshOptions();
        if (ssh.IsEnabled)
        {
            if (!string.IsNullOrEmpty(rapi.LuxiSocket))
            {
                throw new InvalidOperationException("--ssh-nodes and --luxi-socket exclude each other: the master is reached either over SSH or on a local socket");
            }

            return services.AddSshTransport();
        }

        if (!string.IsNullOrEmpty(rapi.LuxiSocket))
        {
            services.PostConfigure<LuxiOptions>(o => o.SocketPath = rapi.LuxiSocket);
            return services;
        }

        var simulator = new SimulatorOptions
        {
            DataDirectory = Path.GetFullPath(rapi.DataDir),
            TimeScale = rapi.SimTimeScale,
            IallocatorDirectory = configuration["Simulator:IallocatorDirectory"] ?? Simulator.Iallocation.ScriptIallocatorRunner.DefaultDirectory,
        };
        services.AddSingleton(simulator);
        services.AddHostedService<EmbeddedSimulator>();
        services.PostConfigure<LuxiOptions>(o => o.SocketPath = simulator.ResolvedSocketPath);
        return services;
    }

    /// <summary>
    /// Listens on the configured address and port, with TLS unless <c>--no-ssl</c>; the
    /// certificate is chosen per handshake, so a reloaded one serves new connections at once.
    /// </summary>
    public static void ConfigureRapiEndpoint(this WebApplicationBuilder builder, RapiOptions rapi)
    {
        builder.Services.Configure<RouteOptions>(o =>
        {
            o.ConstraintMap[GanetiNameRouteConstraint.Name] = typeof(GanetiNameRouteConstraint);
            o.ConstraintMap[JobIdRouteConstraint.Name] = typeof(JobIdRouteConstraint);
        });
        builder.Services.AddHostedService<HangupReload>();
        if (!rapi.NoSsl)
        {
            builder.Services.AddSingleton(services => new ServerCertificateSource(
                rapi, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<ServerCertificateSource>>()));
            builder.Services.AddSingleton<IReloadable>(services => services.GetRequiredService<ServerCertificateSource>());
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = Http.RapiBody.MaxBytes;
            kestrel.Limits.MaxConcurrentConnections = rapi.MaxClients;
            kestrel.Limits.RequestHeadersTimeout = rapi.HeadersTimeout;
            var address = IPAddress.Parse(rapi.Bind);
            kestrel.Listen(address, rapi.Port, listen =>
            {
                // HTTP/1.1 only, as ganeti-rapi: every RAPI client speaks it, and it keeps one set
                // of request rules (HTTP/2 would reset a stream where HTTP/1.1 answers 400).
                listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
                if (!rapi.NoSsl)
                {
                    var certificate = kestrel.ApplicationServices.GetRequiredService<ServerCertificateSource>();
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificateSelector = (_, _) => certificate.Current;
                        https.ServerCertificateChain = string.IsNullOrEmpty(rapi.SslChain) ? null : ServerCertificate.LoadChain(rapi.SslChain);
                    });
                }
            });
        });
    }
}
