using Ganeti.Api.Errors;
using Ganeti.Application.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Ganeti.Api.Http;

/// <summary>Ganeti's request order: route (404), method (501), then credentials (401).</summary>
public static class RapiRequestGuards
{
    /// <summary>The display name ASP.NET Core routing gives the endpoint it selects for a wrong method.</summary>
    private const string MethodRejectionEndpoint = "405 HTTP Method Not Supported";

    /// <summary>
    /// After routing: a trailing slash is no match (except on the service's own pages outside
    /// RAPI, such as the reference page); a known path with another method is 501.
    /// </summary>
    public static IApplicationBuilder UseRapiRouteGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value ?? "/";
        var outsideRapi = context.GetEndpoint() is RouteEndpoint { DisplayName: not MethodRejectionEndpoint } routed
            && routed.Metadata.GetMetadata<Routing.RapiOperation>() is null;
        if (path.Length > 1 && path.EndsWith('/') && !outsideRapi)
        {
            throw new NotFoundException("Not Found");
        }

        if (context.GetEndpoint() is RouteEndpoint endpoint && !LiteralsMatchExactly(endpoint.RoutePattern, path))
        {
            throw new NotFoundException("Not Found");
        }

        if (context.GetEndpoint()?.DisplayName == MethodRejectionEndpoint)
        {
            throw new MethodNotSupportedException(context.Request.Method, path);
        }

        await next(context).ConfigureAwait(false);
    });

    /// <summary>
    /// Whether the fixed segments of the route are spelled exactly as in the path: ASP.NET Core
    /// matches them regardless of case, Ganeti's resource table does not (<c>/2/INSTANCES</c> is 404).
    /// </summary>
    private static bool LiteralsMatchExactly(RoutePattern pattern, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pattern.PathSegments.Count && i < segments.Length; i++)
        {
            if (pattern.PathSegments[i].Parts is [RoutePatternLiteralPart literal]
                && !string.Equals(literal.Content, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// After authentication: credentials that were sent must be right even where none are
    /// needed; an unknown path is 404 (or 401 first when authentication is required).
    /// </summary>
    public static IApplicationBuilder UseRapiCredentialGuard(this IApplicationBuilder app, bool requireAuthentication) => app.Use(async (context, next) =>
    {
        // The authentication middleware ran the scheme already; its outcome is kept in the
        // feature (RapiAuthentication keeps failures there too), so it is not run, and logged, twice.
        var result = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult
            ?? await context.AuthenticateAsync().ConfigureAwait(false);
        if (result.Failure is not null)
        {
            throw new AuthenticationRequiredException();
        }

        if (context.GetEndpoint() is null)
        {
            if (requireAuthentication && !result.Succeeded)
            {
                throw new AuthenticationRequiredException();
            }

            throw new NotFoundException("Not Found");
        }

        await next(context).ConfigureAwait(false);
    });
}
