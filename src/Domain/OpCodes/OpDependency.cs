using Ganeti.Domain.Jobs;

namespace Ganeti.Domain.OpCodes;

/// <summary>
/// One element of <c>depends</c>: a job id (negative means relative to the jobs submitted
/// together) and the final statuses it must reach.
/// </summary>
public sealed record OpDependency(long JobId, IReadOnlyList<JobStatus> Statuses);
