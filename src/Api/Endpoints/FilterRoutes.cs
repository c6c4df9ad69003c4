using Ganeti.Api.Routing;
using Ganeti.Application.Filters;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/filters</c> routes: the job queue's filter rules (rapi-spec §4.2).</summary>
public static class FilterRoutes
{
    private const string Filter = "/2/filters/{filterUuid" + RapiRoutes.Name + "}";

    public static IEndpointRouteBuilder MapFilters(this IEndpointRouteBuilder routes)
    {
        routes.Get<GetFiltersQuery>("/2/filters");
        routes.Post<AddFilterCommand>("/2/filters");
        routes.Get<GetFilterQuery>(Filter);
        routes.Put<ReplaceFilterCommand>(Filter);
        routes.Delete<DeleteFilterCommand>(Filter);
        return routes;
    }
}
