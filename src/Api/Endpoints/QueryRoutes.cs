using Ganeti.Api.Routing;
using Ganeti.Application.Query;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/query</c> routes: Query2 over any resource (rapi-spec §4.8).</summary>
public static class QueryRoutes
{
    private const string Resource = "/2/query/{resource" + RapiRoutes.Name + "}";

    public static IEndpointRouteBuilder MapQuery(this IEndpointRouteBuilder routes)
    {
        routes.Get<QueryResourceQuery>(Resource, RapiAccess.ReadWrite);
        routes.Put<FilterResourceQuery>(Resource, RapiAccess.ReadWrite);
        routes.Get<GetQueryFieldsQuery>(Resource + "/fields");
        return routes;
    }
}
