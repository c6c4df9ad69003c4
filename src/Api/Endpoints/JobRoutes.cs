using Ganeti.Api.Routing;
using Ganeti.Application.Jobs;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/jobs</c> routes (rapi-spec §4.6).</summary>
public static class JobRoutes
{
    private const string Job = "/2/jobs/{jobId:" + JobIdRouteConstraint.Name + "}";

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        routes.Get<GetJobsQuery>("/2/jobs");
        routes.Get<GetJobQuery>(Job);
        routes.Delete<CancelJobCommand>(Job);
        routes.Get<WaitForJobChangeQuery>(Job + "/wait", RapiAccess.Write);
        return routes;
    }
}
