using Ganeti.Application.Abstractions;
using Ganeti.Infrastructure.Luxi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddSingleton<LuxiClient>();
        services.AddSingleton<IGanetiQueries, LuxiQueries>();
        services.AddSingleton<IGanetiJobQueue, LuxiJobQueue>();
        services.AddSingleton<IGanetiClusterControl, LuxiClusterControl>();
        services.AddSingleton<IGanetiFilters, LuxiFilters>();
        return services;
    }
}
