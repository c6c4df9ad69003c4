using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Abstractions;

/// <summary>The master's job queue.</summary>
public interface IGanetiJobQueue
{
    /// <summary>Submits one job made of <paramref name="ops"/>; never retried once sent.</summary>
    ValueTask<JobId> SubmitAsync(IReadOnlyList<OpCode> ops, CancellationToken ct);
}
