using System.Diagnostics.Metrics;
using Ganeti.Application.Abstractions;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Infrastructure.Ssh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The LUXI adapter behind the application's ports (options from section <c>Luxi</c>).</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services)
    {
        services.AddOptions<LuxiOptions>()
            .BindConfiguration(LuxiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ILuxiTransport, UnixSocketTransport>();
        services.TryAddSingleton(sp => sp.GetService<IMeterFactory>() is { } meters ? new LuxiMetrics(meters) : LuxiMetrics.Unobserved);
        services.AddSingleton<LuxiClient>();
        services.AddSingleton<IGanetiQueries, LuxiQueries>();
        services.AddSingleton<IGanetiJobQueue, LuxiJobQueue>();
        services.AddSingleton<IGanetiClusterControl, LuxiClusterControl>();
        services.AddSingleton<IGanetiFilters, LuxiFilters>();
        return services;
    }

    /// <summary>
    /// Reaches the master over SSH instead of a local socket (options from section <c>Ssh</c>,
    /// checked at start); call after <see cref="AddInfrastructure"/>.
    /// </summary>
    public static IServiceCollection AddSshTransport(this IServiceCollection services)
    {
        services.AddOptions<SshOptions>()
            .BindConfiguration(SshOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SshOptions>, SshOptionsValidator>());
        services.RemoveAll<ILuxiTransport>();
        services.AddSingleton<ILuxiTransport, SshTransport>();
        return services;
    }
}
