using System.Text.Json.Nodes;
using Ganeti.Domain.Jobs;

namespace Ganeti.Application.Abstractions;

/// <summary>Reads of cluster state, as the master answers them.</summary>
public interface IGanetiQueries
{
    ValueTask<JsonObject> QueryClusterInfoAsync(CancellationToken ct);

    ValueTask<IReadOnlyList<QueryRow>> QueryInstancesAsync(
        IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct);

    ValueTask<IReadOnlyList<QueryRow>> QueryNodesAsync(
        IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct);

    /// <summary>Jobs by id (null = every job in the live queue).</summary>
    ValueTask<IReadOnlyList<QueryRow>> QueryJobsAsync(
        IReadOnlyList<JobId>? ids, IReadOnlyList<string> fields, CancellationToken ct);
}
