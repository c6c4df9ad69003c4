namespace Ganeti.Application.Abstractions;

/// <summary>Cluster-wide switches of the master that are not opcodes.</summary>
public interface IGanetiClusterControl
{
    /// <summary>Sets or clears the queue drain flag (a drained queue refuses new jobs).</summary>
    ValueTask SetDrainFlagAsync(bool drained, CancellationToken ct);

    /// <summary>Pauses the watcher until the given time (null = resume); answers the value set.</summary>
    ValueTask<DateTimeOffset?> SetWatcherPauseAsync(DateTimeOffset? until, CancellationToken ct);
}
