using Ganeti.Application.Reads;

namespace Ganeti.Application.Jobs;

/// <summary>GET /2/jobs[?bulk=1]: the jobs of the live queue, by id.</summary>
public sealed record GetJobsQuery() : ResourceListQuery(RapiResources.Jobs);
