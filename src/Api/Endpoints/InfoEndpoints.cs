using Ganeti.Api.Http;
using Ganeti.Application.Cluster.GetClusterInfo;
using Ganeti.Application.Cluster.GetFeatures;
using Ganeti.Application.Cluster.GetVersion;
using Mediator;

namespace Ganeti.Api.Endpoints;

/// <summary><c>/</c>, <c>/2</c>, <c>/version</c>, <c>/2/info</c>, <c>/2/features</c>.</summary>
public static class InfoEndpoints
{
    public static IEndpointRouteBuilder MapInfo(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup(string.Empty).WithTags("Cluster");
        read.MapGet("/", GetRoot);
        read.MapGet("/2", GetRoot);
        read.MapGet("/version", GetVersion);
        read.MapGet("/2/info", GetClusterInfo);
        read.MapGet("/2/features", GetFeatures);
        return app;
    }

    /// <summary>Ganeti 2.x and 3.x answer <c>null</c> at the roots.</summary>
    private static IResult GetRoot() => RapiResults.Ok<object?>(null);

    private static async Task<IResult> GetVersion(ISender sender, CancellationToken ct) =>
        RapiResults.Ok(await sender.Send(new GetVersionQuery(), ct));

    private static async Task<IResult> GetClusterInfo(ISender sender, CancellationToken ct) =>
        RapiResults.Ok(await sender.Send(new GetClusterInfoQuery(), ct));

    private static async Task<IResult> GetFeatures(ISender sender, CancellationToken ct) =>
        RapiResults.Ok(await sender.Send(new GetFeaturesQuery(), ct));
}
