using Microsoft.Extensions.Options;

namespace Ganeti.Api.Hosting;

/// <summary>
/// Gives memory back to the system once the service falls idle after a burst. The garbage
/// collector runs only when something allocates, so a daemon that goes quiet after a storm of
/// slow clients or large bodies would otherwise keep its peak heap for as long as it stays
/// quiet. Every <see cref="RapiOptions.IdleReclaimPeriod"/> this looks at how much the process
/// allocated since the last look (little means quiet) and how large the heap is. When a quiet look follows growth of more than
/// <see cref="RapiOptions.IdleReclaimThresholdBytes"/> over the smallest figure seen, one
/// aggressive collection compacts the heap and decommits what is free; then nothing more until
/// the service has allocated that much again, or, when that collection left the heap high,
/// until a retry that backs off (see <see cref="ReclaimState"/>).
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

        var state = new ReclaimState(options.Value.IdleReclaimThresholdBytes);
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            // The heap's size now (GC.GetGCMemoryInfo describes the last collection, which may
            // predate the burst: large allocations need not trigger one).
            var committed = GC.GetTotalMemory(forceFullCollection: false);
            if (!state.ShouldReclaim(GC.GetTotalAllocatedBytes(), committed))
            {
                continue;
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var after = GC.GetTotalMemory(forceFullCollection: false);
            state.Reclaimed(GC.GetTotalAllocatedBytes(), after);
            log.LogInformation("Idle after a burst: heap {Before} MB, {After} MB after an aggressive collection", committed >> 20, after >> 20);
        }
    }
}

/// <summary>The reclaimer's decision, apart from the clock and the collector so that it can be tested.</summary>
public sealed class ReclaimState(long threshold)
{
    /// <summary>Allocation between two looks under which the service counts as quiet.</summary>
    public const long QuietAllocation = 4L << 20;

    /// <summary>The longest wait, in looks, before a reclaim that freed little is tried again.</summary>
    public const int MaxRetryLooks = 128;

    private long? _lastAllocated;
    private long? _allocatedAtReclaim;
    private long _floor = long.MaxValue;
    private int _retryLooks;
    private int _looksToRetry = -1;

    /// <summary>
    /// Whether to collect now, given the bytes allocated since the process started and the
    /// heap size: yes when the service is quiet (under <see cref="QuietAllocation"/>
    /// allocated since the last look), the heap has grown by more than the threshold over the
    /// smallest size seen, and either the service has allocated more than the threshold since
    /// the last reclaim, or that reclaim left the heap high and its retry is due. A reclaim
    /// made while memory was still held (stalled uploads, say) frees little; what they held
    /// becomes garbage later without any new allocation, so it is tried again after 1, 2, 4…
    /// looks, up to <see cref="MaxRetryLooks"/>.
    /// </summary>
    public bool ShouldReclaim(long allocated, long committed)
    {
        var quiet = _lastAllocated is { } last && allocated - last < QuietAllocation;
        var busySinceReclaim = _allocatedAtReclaim is not { } at || allocated - at > threshold;
        if (_looksToRetry > 0)
        {
            _looksToRetry--;
        }

        _lastAllocated = allocated;
        _floor = Math.Min(_floor, committed);
        var retryDue = _looksToRetry == 0;
        return quiet && (busySinceReclaim || retryDue) && committed - _floor > threshold;
    }

    /// <summary>
    /// Records a reclaim and the heap it left. When that heap is still more than the threshold
    /// over the floor, a retry is scheduled, each one twice as far off as the one before; a
    /// reclaim that brings the heap down ends the retries.
    /// </summary>
    public void Reclaimed(long allocated, long committed)
    {
        _lastAllocated = allocated;
        _allocatedAtReclaim = allocated;
        _floor = Math.Min(_floor, committed);
        if (committed - _floor > threshold)
        {
            _retryLooks = _retryLooks == 0 ? 1 : Math.Min(_retryLooks * 2, MaxRetryLooks);
            _looksToRetry = _retryLooks;
        }
        else
        {
            _retryLooks = 0;
            _looksToRetry = -1;
        }
    }
}
