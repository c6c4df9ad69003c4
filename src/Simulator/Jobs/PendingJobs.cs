namespace Ganeti.Simulator.Jobs;

/// <summary>
/// Jobs waiting for a worker, served by priority (lower value first, as in Ganeti), then by
/// job id. A queued job's priority can change while it waits.
/// </summary>
public sealed class PendingJobs
{
    private readonly Lock _sync = new();
    private readonly SortedSet<(int Priority, long Id)> _order = [];
    private readonly Dictionary<long, (Job Job, int Priority)> _jobs = [];
    private readonly SemaphoreSlim _available = new(0);

    public void Add(Job job, int priority)
    {
        lock (_sync)
        {
            if (!_jobs.TryAdd(job.Id, (job, priority)))
            {
                return;
            }

            _order.Add((priority, job.Id));
        }

        _available.Release();
    }

    /// <summary>Moves a waiting job to another priority; false when it is not waiting here.</summary>
    public bool Reprioritize(long id, int priority)
    {
        lock (_sync)
        {
            if (!_jobs.TryGetValue(id, out var entry))
            {
                return false;
            }

            _order.Remove((entry.Priority, id));
            _order.Add((priority, id));
            _jobs[id] = (entry.Job, priority);
            return true;
        }
    }

    public async Task<Job> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            await _available.WaitAsync(ct).ConfigureAwait(false);
            lock (_sync)
            {
                if (_order.Count > 0)
                {
                    var first = _order.Min;
                    _order.Remove(first);
                    var job = _jobs[first.Id].Job;
                    _jobs.Remove(first.Id);
                    return job;
                }
            }
        }
    }
}
