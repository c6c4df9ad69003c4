using Ganeti.Api.Http;
using Ganeti.Application.Jobs.GetJob;
using Mediator;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/jobs…</c> route table.</summary>
public static class JobsEndpoints
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/2/jobs").WithTags("Jobs");
        read.MapGet("/{jobId:regex(^\\d+$)}", GetJob);
        return app;
    }

    /// <summary>GET /2/jobs/{id}.</summary>
    private static async Task<IResult> GetJob(string jobId, ISender sender, CancellationToken ct) =>
        RapiResults.Ok(await sender.Send(new GetJobQuery(long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture)), ct));
}
