using System.Globalization;

namespace Ganeti.Api.Routing;

/// <summary>Route segments that are job ids: ASCII digits that fit a 64-bit integer (anything else names no job: 404).</summary>
public sealed class JobIdRouteConstraint : IRouteConstraint
{
    public const string Name = "jobId";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value)
        && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text
        && text.All(char.IsAsciiDigit)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
