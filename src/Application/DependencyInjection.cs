using FluentValidation;
using Ganeti.Application.Operations;
using Ganeti.Application.Reads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ganeti.Application;

public static class DependencyInjection
{
    /// <summary>Validators, the runners that generated handlers call, and the clock. Mediator is registered by the host.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<Behaviors.ValidationBehavior<Cluster.GetVersion.GetVersionQuery, int>>(ServiceLifetime.Singleton);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OpCommandRunner>();
        services.AddSingleton<ResourceReader>();
        return services;
    }
}
