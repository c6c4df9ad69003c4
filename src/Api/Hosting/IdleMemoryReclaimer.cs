using Microsoft.Extensions.Options;

namespace Ganeti.Api.Hosting;

/// <summary>
/// Gives memory back to the system once the service falls idle after a burst. The garbage
/// collector runs only when something allocates, so a daemon that goes quiet after a storm of
/// slow clients or large bodies would otherwise keep its peak heap for as long as it stays
/// quiet. Every <see cref="RapiOptions.IdleReclaimPeriod"/> this looks at two things: whether
/// a collection happened since the last look (if so, the service is busy and the collector is
/// doing its work), and how much memory the heap holds committed. When a quiet period follows
/// growth of more than <see cref="RapiOptions.IdleReclaimThresholdBytes"/> over the smallest
/// figure seen, one aggressive collection compacts the heap and decommits what is free; then
/// nothing more until the service has been busy again.
/// </summary>
public sealed class IdleMemoryReclaimer(IOptions<RapiOptions> options, ILogger<IdleMemoryReclaimer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.IdleReclaimPeriod;
        if (period <= TimeSpan.Zero)
        {
            return;
        }

        var state = new ReclaimState();
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var collections = GC.CollectionCount(0);
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (!state.ShouldReclaim(collections, committed, options.Value.IdleReclaimThresholdBytes))
            {
                continue;
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
            state.Reclaimed(GC.CollectionCount(0), after);
            log.LogInformation("Idle after a burst: heap committed {Before} MB, {After} MB after an aggressive collection", committed >> 20, after >> 20);
        }
    }
}

/// <summary>The reclaimer's decision, apart from the clock and the collector so that it can be tested.</summary>
public sealed class ReclaimState
{
    private int? _lastCollections;
    private long _floor = long.MaxValue;
    private bool _reclaimedSinceBusy;

    /// <summary>
    /// Whether to collect now, given the collection count and committed bytes at this look:
    /// yes when no collection happened since the last look (quiet), the heap has grown by more
    /// than <paramref name="threshold"/> over the smallest committed figure seen, and there was
    /// no reclaim since the service was last busy.
    /// </summary>
    public bool ShouldReclaim(int collections, long committed, long threshold)
    {
        var quiet = _lastCollections == collections;
        if (!quiet)
        {
            _reclaimedSinceBusy = false;
        }

        _lastCollections = collections;
        _floor = Math.Min(_floor, committed);
        return quiet && !_reclaimedSinceBusy && committed - _floor > threshold;
    }

    /// <summary>Records a reclaim: its own collections do not count as the service being busy.</summary>
    public void Reclaimed(int collections, long committed)
    {
        _lastCollections = collections;
        _reclaimedSinceBusy = true;
        _floor = Math.Min(_floor, committed);
    }
}
