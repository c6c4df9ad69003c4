using Ganeti.Domain.Common;

namespace Ganeti.Api.Routing;

/// <summary>Route segments that name objects: <c>[\w._-]+</c>, like Ganeti's connector.</summary>
public sealed class GanetiNameRouteConstraint : IRouteConstraint
{
    public const string Name = "ganetiName";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && GanetiName.IsValid(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
}
