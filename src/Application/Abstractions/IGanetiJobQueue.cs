using System.Text.Json.Nodes;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Abstractions;

/// <summary>The master's job queue.</summary>
public interface IGanetiJobQueue
{
    /// <summary>Submits one job made of <paramref name="ops"/>; never retried once sent.</summary>
    ValueTask<JobId> SubmitAsync(IReadOnlyList<OpCode> ops, CancellationToken ct);

    /// <summary>Submits a job even when the queue is drained.</summary>
    ValueTask<JobId> SubmitToDrainedQueueAsync(IReadOnlyList<OpCode> ops, CancellationToken ct);

    /// <summary>Submits several jobs at once; negative dependencies refer to jobs earlier in the list.</summary>
    ValueTask<IReadOnlyList<SubmitResult>> SubmitManyAsync(IReadOnlyList<IReadOnlyList<OpCode>> jobs, CancellationToken ct);

    /// <summary>
    /// Waits until the job's <paramref name="fields"/> differ from <paramref name="previousInfo"/>
    /// or it logs past <paramref name="previousLogSerial"/>, the job ends, or the timeout passes.
    /// </summary>
    ValueTask<JobChange> WaitForChangeAsync(JobId id, IReadOnlyList<string> fields, JsonArray? previousInfo, long? previousLogSerial, TimeSpan timeout, CancellationToken ct);

    ValueTask<JobActionResult> CancelAsync(JobId id, bool kill, CancellationToken ct);

    ValueTask<JobActionResult> ChangePriorityAsync(JobId id, int priority, CancellationToken ct);

    /// <summary>Moves a finished job to the archive; false when it is not finished or unknown.</summary>
    ValueTask<bool> ArchiveAsync(JobId id, CancellationToken ct);

    /// <summary>Archives finished jobs older than <paramref name="age"/> (negative: all), within <paramref name="timeout"/>.</summary>
    ValueTask<ArchiveResult> AutoArchiveAsync(TimeSpan age, TimeSpan timeout, CancellationToken ct);
}
