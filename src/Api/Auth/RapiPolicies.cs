using Ganeti.Api.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace Ganeti.Api.Auth;

/// <summary>Ganeti's access levels as authorization policies, applied to route groups.</summary>
public static class RapiPolicies
{
    /// <summary>PUT, POST and DELETE: a user with the <c>write</c> option.</summary>
    public const string Write = "ganeti-write";

    /// <summary>Resources open to <c>read</c> or <c>write</c> users (console, query).</summary>
    public const string ReadOrWrite = "ganeti-read-write";

    public static IServiceCollection AddRapiAuthorization(this IServiceCollection services, RapiOptions options)
    {
        services.AddAuthentication(RapiAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, RapiAuthentication>(RapiAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Write, p => p.RequireClaim(RapiAuthentication.OptionClaim, "write"))
            .AddPolicy(ReadOrWrite, p => p.RequireClaim(RapiAuthentication.OptionClaim, "write", "read"))
            .SetFallbackPolicy(options.RequireAuthentication ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build() : null);
        services.AddSingleton<RapiUsersFile>();
        services.AddSingleton<IReloadable>(services => services.GetRequiredService<RapiUsersFile>());
        services.AddSingleton<AuthFailureBackoff>();
        services.AddOptions<AuthBackoffOptions>().BindConfiguration(AuthBackoffOptions.SectionName)
            .Validate(o => o.Threshold >= 0 && o.FirstDelay >= TimeSpan.Zero && o.MaxDelay >= TimeSpan.Zero && o.HalfLife > TimeSpan.Zero && o.MaxAddresses >= 0,
                "Rapi:AuthBackoff: Threshold, FirstDelay, MaxDelay and MaxAddresses must not be negative, HalfLife must be positive")
            .ValidateOnStart();
        return services;
    }
}
