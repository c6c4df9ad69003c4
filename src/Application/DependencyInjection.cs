using FluentValidation;
using Ganeti.Application.Mapping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ganeti.Application;

public static class DependencyInjection
{
    /// <summary>Validators, the command-to-opcode mapping and the clock. Mediator is registered by the host.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<Behaviors.ValidationBehavior<Cluster.GetVersion.GetVersionQuery, int>>(ServiceLifetime.Singleton);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(ApplicationMapping.Create());
        return services;
    }
}
