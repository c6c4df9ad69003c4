using Ganeti.Api.Http;
using Ganeti.Api.Routing;
using Ganeti.Application.Cluster;
using Ganeti.Application.Cluster.GetClusterInfo;
using Ganeti.Application.Cluster.GetFeatures;
using Ganeti.Application.Cluster.GetVersion;
using Ganeti.Domain.Tags;

namespace Ganeti.Api.Endpoints;

/// <summary>The roots, the cluster and its tags (rapi-spec §4.1).</summary>
public static class ClusterRoutes
{
    public static IEndpointRouteBuilder MapCluster(this IEndpointRouteBuilder routes)
    {
        // Ganeti 2.x and 3.x answer null at the roots.
        routes.MapGet("/", () => RapiResults.Ok<object?>(null)).WithMetadata(new RapiOperation(typeof(void), HttpMethods.Get, RapiAccess.Anonymous));
        routes.MapGet("/2", () => RapiResults.Ok<object?>(null)).WithMetadata(new RapiOperation(typeof(void), HttpMethods.Get, RapiAccess.Anonymous));
        routes.Get<GetVersionQuery>("/version");
        routes.Get<GetClusterInfoQuery>("/2/info");
        routes.Get<GetFeaturesQuery>("/2/features");
        routes.Get<GetOperatingSystemsQuery>("/2/os");
        routes.Put<ModifyClusterCommand>("/2/modify");
        routes.Put<RedistributeConfigCommand>("/2/redistribute-config");
        routes.MapTags("/2/tags", TagKind.Cluster);
        return routes;
    }
}
