using Ganeti.Application.Reads;

namespace Ganeti.Application.Jobs;

/// <summary>GET /2/jobs/{jobId}: a job's status, opcodes, results and log (nulls for a job the master does not know, as luxid answers).</summary>
public sealed record GetJobQuery(string JobId) : ResourceItemQuery(RapiResources.Jobs, JobId);
