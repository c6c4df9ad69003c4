using Ganeti.Api.Http;
using Ganeti.Application.Instances.GetInstance;
using Ganeti.Application.Instances.GetInstances;
using Mediator;

namespace Ganeti.Api.Endpoints;

public static partial class InstancesEndpoints
{
    /// <summary>GET /2/instances[?bulk=1][&amp;lock=1].</summary>
    private static async Task<IResult> GetInstances(HttpContext http, ISender sender, CancellationToken ct) =>
        RapiResults.Ok(await sender.Send(new GetInstancesQuery(RapiQuery.Flag(http, "bulk"), RapiQuery.Flag(http, "lock")), ct));

    /// <summary>GET /2/instances/{name}[?lock=1].</summary>
    private static async Task<IResult> GetInstance(string instanceName, HttpContext http, ISender sender, CancellationToken ct) =>
        RapiResults.Ok(await sender.Send(new GetInstanceQuery(instanceName, RapiQuery.Flag(http, "lock")), ct));
}
