using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Simulator.Execution;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;
using Ganeti.Simulator.Store;
using Microsoft.Extensions.Logging;

namespace Ganeti.Simulator.Jobs;

/// <summary>
/// The simulated job queue: a job is stored before its id is returned, runs on a bounded
/// pool of workers, takes locks on the objects it changes (waiting while another job holds
/// them), and records opcode statuses, results, log entries and timestamps like Ganeti.
/// </summary>
public sealed partial class JobQueue : IAsyncDisposable
{
    public const string RestartMessage = "Job was running when the master daemon restarted";

    private readonly ClusterState _state;
    private readonly SimStore _store;
    private readonly SimulatorOptions _options;
    private readonly Iallocation.IIallocatorRunner _iallocator;
    private readonly OpCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SimulatorMetrics? _metrics;
    /// <summary>
    /// The queue's own lock. Lock order: the cluster state's lock (<c>ClusterState.Sync</c>)
    /// before this one, never the other way round, because executors write their job log
    /// (which takes this lock) while they hold the state's.
    /// </summary>
    private readonly Lock _sync = new();
    private readonly Dictionary<long, Job> _jobs = [];
    private readonly Dictionary<long, CancellationTokenSource> _cancels = [];

    /// <summary>Jobs "killed" by CancelJob with kill: their end is luxid's death detection, not a cancellation.</summary>
    private readonly HashSet<long> _killed = [];
    private readonly Dictionary<long, Job> _held = [];
    private readonly LockManager _locks = new();
    private readonly PendingJobs _pending = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Task> _workers = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _lastId;
    private int _disposed;

    public JobQueue(ClusterState state, SimStore store, SimulatorOptions options, OpCatalog catalog, TimeProvider time, ILogger logger, SimulatorMetrics? metrics = null)
    {
        _metrics = metrics;
        _state = state;
        _store = store;
        _options = options;
        _iallocator = new Iallocation.ScriptIallocatorRunner(options.IallocatorDirectory);
        _catalog = catalog;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Loads stored jobs, ends those that were running, re-queues queued ones and those that were
    /// only waiting for locks with no opcode run yet (as Ganeti's queue does), starts the workers.
    /// </summary>
    public void Start()
    {
        var requeue = new List<Job>();
        foreach (var json in _store.LoadJobs())
        {
            var job = Job.FromJson(json);
            _jobs[job.Id] = job;
            _lastId = Math.Max(_lastId, job.Id);
            var status = job.Status;
            if (status == JobStatus.Waiting && job.Ops.All(o => o.Status is JobStatus.Queued or JobStatus.Waiting))
            {
                foreach (var op in job.Ops)
                {
                    op.Status = JobStatus.Queued;
                    op.StartTs = null;
                }

                job.StartTs = null;
                Save(job);
                requeue.Add(job);
            }
            else if (status is JobStatus.Running or JobStatus.Waiting or JobStatus.Canceling)
            {
                var now = Timestamps.Pair(_time.GetUtcNow());
                foreach (var op in job.Ops.Where(o => !o.Status.IsFinalized()))
                {
                    op.Status = JobStatus.Error;
                    op.Result = new JsonArray("OpExecError", new JsonArray(RestartMessage));
                    op.EndTs = now.DeepClone().AsArray();
                }

                job.EndTs = now;
                Save(job);
            }
            else if (status == JobStatus.Queued)
            {
                requeue.Add(job);
            }
        }

        foreach (var job in requeue)
        {
            Enqueue(job);
        }

        _metrics?.Observe(Depth);
        for (var i = 0; i < Math.Max(1, _options.MaxRunningJobs); i++)
        {
            _workers.Add(Task.Run(WorkerLoopAsync));
        }
    }

    /// <summary>How many jobs are not finished yet, by status.</summary>
    public IReadOnlyDictionary<JobStatus, int> Depth()
    {
        lock (_sync)
        {
            return _jobs.Values.Where(j => !j.Archived).Select(j => j.Status).Where(s => !s.IsFinalized())
                .GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        }
    }

    public bool DrainFlag
    {
        get
        {
            lock (_state.Sync)
            {
                return _state.Cluster.DrainFlag;
            }
        }

        set
        {
            lock (_state.Sync)
            {
                _state.Cluster.DrainFlag = value;
                SaveCluster();
            }
        }
    }

    /// <summary>Persists the cluster object (drain flag, watcher pause). Callers hold the state lock.</summary>
    public void SaveCluster() => _store.SaveObjects([_state.Cluster]);

    /// <summary>SubmitJob: stores the job, then queues it; answers the new id.</summary>
    public long Submit(JsonArray ops, bool ignoreDrain, string method = "SubmitJob")
    {
        var normalized = ops.Select(op => _catalog.Normalize(op, method)).ToList();
        if (normalized.Count == 0)
        {
            throw new RequestParseError($"{method}: a job needs at least one opcode");
        }

        if (!ignoreDrain && DrainFlag)
        {
            throw SimError.Generic("Queue drained");
        }

        Job job;
        lock (_sync)
        {
            job = Create(normalized, relativeBase: null);
        }

        Enqueue(job);
        return job.Id;
    }

    /// <summary>SubmitManyJobs: <c>[[true, id] | [false, message], …]</c>; negative dependencies are relative.</summary>
    public JsonArray SubmitMany(IReadOnlyList<JsonArray> jobs, bool ignoreDrain = false)
    {
        var normalized = jobs.Select(ops => ops.Select(op => _catalog.Normalize(op, "SubmitManyJobs")).ToList()).ToList();
        if (!ignoreDrain && DrainFlag)
        {
            throw SimError.Generic("Queue drained");
        }

        var answers = new JsonArray();
        var created = new List<Job>();
        lock (_sync)
        {
            var ids = new List<long>();
            foreach (var ops in normalized)
            {
                var job = Create(ops, ids);
                ids.Add(job.Id);
                created.Add(job);
                answers.Add(new JsonArray(true, job.Id));
            }
        }

        foreach (var job in created)
        {
            Enqueue(job);
        }

        return answers;
    }

    /// <summary>
    /// QueryJobs: one row per id (values null for unknown jobs), or every job when
    /// <paramref name="ids"/> is null or empty (archived ones only if "archived" is asked for).
    /// </summary>
    public JsonArray QueryJobs(IReadOnlyList<long>? ids, IReadOnlyList<string> fields)
    {
        var filter = QueryRunner.ClassicFilter([.. (ids ?? []).Select(FilterValue.Of)], "id", "id");
        lock (_sync)
        {
            return QueryRunner.Classic(Source(fields), fields, filter);
        }
    }

    /// <summary>Query over jobs: the Query2 answer as UTF-8 JSON.</summary>
    public byte[] Query(IReadOnlyList<string> fields, QueryFilter filter)
    {
        lock (_sync)
        {
            return QueryRunner.Query(Source(fields), fields, filter);
        }
    }

    /// <summary>
    /// WaitForJobChange: answers as soon as the requested fields differ from
    /// <paramref name="previous"/> or there are log entries newer than
    /// <paramref name="previousLogSerial"/>, when the job is finalized, or at the timeout.
    /// </summary>
    public async Task<JsonArray> WaitForChangeAsync(long id, IReadOnlyList<string> fields, JsonArray? previous, long? previousLogSerial, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            Task changed;
            JsonArray values;
            JsonArray logs;
            lock (_sync)
            {
                if (!_jobs.TryGetValue(id, out var job) || job.Archived)
                {
                    throw new SimError("JobLost", [$"Job {id} not found"], $"Job {id} not found");
                }

                var getters = JobFields.Table.Select(fields);
                values = FieldTable<JobView>.Row(new JobView(job.Id, job, _catalog), getters);
                logs = [.. job.Ops.SelectMany(o => o.Log).Where(l => previousLogSerial is null || JsonNumbers.Int64(l[0]) > previousLogSerial).Select(l => (JsonNode)l.DeepClone())];
                if (job.Status.IsFinalized() || logs.Count > 0 || previous is null || !JsonNode.DeepEquals(values, previous))
                {
                    return [values, logs];
                }

                changed = _changed.Task;
            }

            var left = deadline - _time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return [values, logs];
            }

            await Task.WhenAny(changed, Task.Delay(left, _time, ct)).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// CancelJob, as luxid answers it: a queued job is dequeued whatever <paramref name="kill"/>
    /// says; a job that has started is told to stop (SIGTERM), which cancels it while it still
    /// waits and not once it runs; with <paramref name="kill"/> its process is killed (SIGKILL)
    /// and luxid's death detection then fails every opcode of the job.
    /// </summary>
    public JsonArray Cancel(long id, bool kill = false)
    {
        lock (_sync)
        {
            if (!_jobs.TryGetValue(id, out var job) || job.Status.IsFinalized())
            {
                return [false, $"Job {id} not found in queue"];
            }

            if (job.Status == JobStatus.Queued)
            {
                MarkCanceled(job);
                return [true, $"Dequeued job {id}"];
            }

            if (kill && _cancels.TryGetValue(id, out var process))
            {
                _killed.Add(id);
                process.Cancel();
                return [true, "SIGKILL send to the process"];
            }

            switch (job.Status)
            {
                case JobStatus.Waiting:
                    foreach (var op in job.Ops.Where(o => o.Status == JobStatus.Waiting))
                    {
                        op.Status = JobStatus.Canceling;
                    }

                    Save(job);
                    if (_cancels.TryGetValue(id, out var cts))
                    {
                        cts.Cancel();
                    }

                    return [true, "Job successfully cancelled"];
                default:
                    return [false, "Job no longer waiting, can't cancel (informed it anyway)"];
            }
        }
    }

    public bool Archive(long id)
    {
        lock (_sync)
        {
            if (!_jobs.TryGetValue(id, out var job) || job.Archived || !job.Status.IsFinalized())
            {
                return false;
            }

            job.Archived = true;
            Save(job);
            return true;
        }
    }

    /// <summary>ChangeJobPriority: new priority for the opcodes that have not run yet.</summary>
    public JsonArray ChangePriority(long id, int priority)
    {
        lock (_sync)
        {
            if (!_jobs.TryGetValue(id, out var job) || job.Status.IsFinalized())
            {
                return [false, $"Job {id} not found in queue"];
            }

            foreach (var op in job.Ops.Where(o => o.Status is JobStatus.Queued or JobStatus.Waiting))
            {
                op.Priority = priority;
            }

            _pending.Reprioritize(id, priority);
            Save(job);
            return [true, $"Priorities of pending opcodes for job {id} have been changed to {priority}"];
        }
    }

    /// <summary>
    /// AutoArchiveJobs, as luxid does it: goes through the live jobs in id order and archives
    /// the finished ones that ended (or, lacking an end, started) strictly before
    /// <paramref name="age"/> ago. When <paramref name="timeout"/> has passed before a job is
    /// looked at, it stops: the answer is <c>[archived, jobs not looked at]</c>. A negative age
    /// archives every finished job, as <c>gnt-job autoarchive all</c> means (luxid's cut-off
    /// for it, (-1, -1), is before every job, so luxid archives none: docs/compatibility.md).
    /// </summary>
    public JsonArray AutoArchive(TimeSpan age, TimeSpan timeout)
    {
        lock (_sync)
        {
            var start = _time.GetUtcNow();
            var cutoff = Timestamps.Seconds(start) - age.TotalSeconds;
            var live = _jobs.Values.Where(j => !j.Archived).OrderBy(j => j.Id).ToList();
            var archived = 0;
            for (var i = 0; i < live.Count; i++)
            {
                if (_time.GetUtcNow() >= start + timeout)
                {
                    return [archived, live.Count - i];
                }

                var job = live[i];
                var last = job.EndTs ?? job.StartTs;
                if (job.Status.IsFinalized() && (age < TimeSpan.Zero || (last is not null && last[0]!.GetValue<long>() + (last[1]!.GetValue<long>() / 1e6) < cutoff)))
                {
                    job.Archived = true;
                    Save(job);
                    archived++;
                }
            }

            return [archived, 0];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _shutdown.Dispose();
    }

    /// <summary>
    /// The jobs a query looks at, by id; a filter naming ids only (luxid's requested job ids)
    /// picks those jobs, known or not, archived or not. Callers hold <see cref="_sync"/>.
    /// </summary>
    private QuerySource<JobView> Source(IReadOnlyList<string> fields)
    {
        var withArchived = fields.Contains("archived");
        return new QuerySource<JobView>(
            JobFields.Table,
            "id",
            () => _jobs.Values.Where(j => withArchived || !j.Archived).OrderBy(j => j.Id).Select(j => new JobView(j.Id, j, _catalog)),
            values => values.Count == 0
                ? null
                : [.. values.Select(RequestedJobId).Distinct().Select(id => new JobView(id, _jobs.GetValueOrDefault(id), _catalog))]);
    }

    private static long RequestedJobId(FilterValue value)
    {
        if (value.IsText)
        {
            return long.TryParse(value.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
                ? parsed
                : throw SimError.Generic($"parsing job id: Cannot parse '{value.Text}'");
        }

        return value.Number >= 0 ? value.Number : throw SimError.Generic($"Invalid value for job ID ' {value.Number}'");
    }

    /// <summary>
    /// The opcodes of jobs an opcode submits take its debug level, its priority (unless they
    /// set one), the comment "Submitted by OP_…" (unless they have one) and its reason trail
    /// after their own, as Ganeti's processor copies them.
    /// </summary>
    private static JsonArray WithBaseParams(JsonObject parent, JsonArray ops)
    {
        foreach (var child in ops.OfType<JsonObject>())
        {
            if (parent["debug_level"] is { } debug)
            {
                child["debug_level"] = debug.DeepClone();
            }

            if (child["priority"] is null && parent["priority"] is { } priority)
            {
                child["priority"] = priority.DeepClone();
            }

            if (child["comment"] is not JsonValue comment || !comment.TryGetValue<string>(out var text) || text.Length == 0)
            {
                child["comment"] = "Submitted by " + parent["OP_ID"]!.GetValue<string>();
            }

            child["reason"] = new JsonArray([.. (child["reason"] as JsonArray ?? []).Concat(parent["reason"] as JsonArray ?? []).Select(r => r?.DeepClone())]);
        }

        return ops;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Job Create(List<JsonObject> ops, List<long>? relativeBase)
    {
        var id = ++_lastId;
        var now = _time.GetUtcNow();
        var received = Timestamps.Pair(now);
        var ns = ReasonTrail.ToNanoseconds(now);
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            var reason = op["reason"] as JsonArray ?? [];
            reason.Add(new JsonArray(ReasonTrail.OpCodeSourcePrefix + OpIds.ReasonName(op["OP_ID"]!.GetValue<string>()), $"job={id};index={i}", ns));
            op["reason"] = reason;
            if (relativeBase is not null && op["depends"] is JsonArray depends)
            {
                foreach (var dep in depends.OfType<JsonArray>())
                {
                    var target = dep[0]!.GetValue<long>();
                    if (target < 0 && relativeBase.Count + (int)target >= 0)
                    {
                        dep[0] = relativeBase[relativeBase.Count + (int)target];
                    }
                }
            }
        }

        var job = new Job
        {
            Id = id,
            ReceivedTs = received,
            Ops = [.. ops.Select(op => new JobOp { Input = op, Priority = op["priority"]?.GetValue<int>() ?? 0 })],
        };
        _jobs[id] = job;
        Save(job);
        return job;
    }

    /// <summary>
    /// luxid's death detection for a job whose process died: every opcode, finished or not,
    /// fails with "detected death of job N" as its result, and that reason joins its trail.
    /// </summary>
    private void MarkDead(Job job)
    {
        var now = _time.GetUtcNow();
        var message = $"detected death of job {job.Id}";
        foreach (var op in job.Ops)
        {
            op.Status = JobStatus.Error;
            op.Result = message;
            op.EndTs = Timestamps.Pair(now);
            var reason = op.Input["reason"] as JsonArray ?? [];
            reason.Add(new JsonArray("gnt:daemon:luxid:deathdetection", message, ReasonTrail.ToNanoseconds(now)));
            op.Input["reason"] = reason;
        }

        job.EndTs = Timestamps.Pair(now);
        Save(job);
    }

    private void MarkCanceled(Job job)
    {
        var now = Timestamps.Pair(_time.GetUtcNow());
        foreach (var op in job.Ops.Where(o => !o.Status.IsFinalized()))
        {
            op.Status = JobStatus.Canceled;
            op.Result = "Job canceled by request";
            op.EndTs = now.DeepClone().AsArray();
        }

        job.EndTs = now;
        Ended(job);
        Save(job);
    }

    /// <summary>Records a job that just ended, before anyone waiting for it is woken. Callers hold <see cref="_sync"/>.</summary>
    private void Ended(Job job)
    {
        if (job.Ops.Count > 0 && job.ReceivedTs is not null)
        {
            _metrics?.Finished(job.Ops[0].OpId, job.Status, _time.GetUtcNow() - Timestamps.FromPair(job.ReceivedTs));
        }
    }

    /// <summary>Persists the job and wakes everyone waiting for a change. Callers hold <see cref="_sync"/>.</summary>
    private void Save(Job job)
    {
        _store.SaveJob(job.Id, job.Archived, job.ToJson());
        var signal = _changed;
        _changed = NewSignal();
        signal.TrySetResult();
    }

    /// <summary>ReplaceFilter: adds (uuid null) or replaces a filter rule; answers its uuid.</summary>
    public string ReplaceFilter(JsonNode? uuid, JsonNode? priority, JsonNode? predicates, JsonNode? action, JsonNode? reason, string request)
    {
        if (JobFilters.Validate(priority, predicates, action) is { } problem)
        {
            throw new RequestParseError($"Cannot convert value '{request}', error: {problem}");
        }

        string id;
        if (uuid is null)
        {
            id = Guid.NewGuid().ToString();
        }
        else if (uuid is JsonValue u && u.TryGetValue<string>(out var text) && Guid.TryParseExact(text, "D", out _))
        {
            id = text;
        }
        else
        {
            throw SimError.Generic("Unable to parse UUID: " + uuid.ToJsonString());
        }

        var now = _time.GetUtcNow();
        var trail = reason as JsonArray is { } given ? (JsonArray)given.DeepClone() : [];
        trail.Add(new JsonArray("luxid", string.Empty, ReasonTrail.ToNanoseconds(now)));
        lock (_state.Sync)
        {
            lock (_sync)
            {
                var rule = _state.FilterRules.GetValueOrDefault(id) ?? new FilterRule { Uuid = id, Ctime = Timestamps.Seconds(now) };
                rule.Priority = priority!.GetValue<long>();
                // luxid keeps the predicates as it parsed them ("=" becomes "==").
                rule.Predicates = [.. predicates!.AsArray().Select(p => (JsonNode)new JsonArray(p![0]!.DeepClone(), QueryFilterParser.ToJson(QueryFilterParser.Parse(p[1]))))];
                rule.Action = action!.DeepClone();
                rule.ReasonTrail = trail;
                rule.Watermark = _lastId;
                rule.Mtime = Timestamps.Seconds(now);
                _state.FilterRules[id] = rule;
                _store.SaveObjects([rule]);
                ReleaseHeld();
            }
        }

        return id;
    }

    /// <summary>DeleteFilter: removes a rule; jobs it held are considered again.</summary>
    public void DeleteFilter(string uuid)
    {
        lock (_state.Sync)
        {
            lock (_sync)
            {
                if (!_state.FilterRules.Remove(uuid, out var rule))
                {
                    throw SimError.Generic($"Filter rule with UUID {uuid} does not exist");
                }

                _store.SaveObjects([], [rule]);
                ReleaseHeld();
            }
        }
    }

    /// <summary>Applies the filter rules to a job a worker took; false when it must not run now.</summary>
    private bool Admit(Job job)
    {
        List<FilterRule> rules;
        lock (_state.Sync)
        {
            rules = [.. _state.FilterRules.Values];
        }

        lock (_sync)
        {
            if (job.Status != JobStatus.Queued)
            {
                return false;
            }

            var (verdict, _) = JobFilters.Decide(rules, job, rule => _jobs.Values.Count(j => j.Id != job.Id && j.Status is JobStatus.Waiting or JobStatus.Running && JobFilters.Matches(rule, j)));
            switch (verdict)
            {
                case FilterVerdict.Pause or FilterVerdict.RateLimited:
                    _held[job.Id] = job;
                    return false;
                case FilterVerdict.Reject:
                    MarkCanceled(job);
                    return false;
                default:
                    return true;
            }
        }
    }

    /// <summary>Puts the jobs held by filter rules back in line, to be judged again. Callers hold <see cref="_sync"/>.</summary>
    private void ReleaseHeld()
    {
        foreach (var job in _held.Values)
        {
            Enqueue(job);
        }

        _held.Clear();
    }

    private void Enqueue(Job job) => _pending.Add(job, job.Ops.Select(o => o.Priority).DefaultIfEmpty(0).Min());

    private async Task WorkerLoopAsync()
    {
        try
        {
            while (true)
            {
                var job = await _pending.TakeAsync(_shutdown.Token).ConfigureAwait(false);
                if (!Admit(job))
                {
                    continue;
                }

                try
                {
                    await RunAsync(job).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A broken job must not stop the worker.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogJobCrashed(_logger, job.Id, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(Job job)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        lock (_sync)
        {
            if (job.Status != JobStatus.Queued)
            {
                return;
            }

            _cancels[job.Id] = cancel;
        }

        try
        {
            for (var index = 0; index < job.Ops.Count; index++)
            {
                if (!await RunOpAsync(job, index, cancel.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            lock (_sync)
            {
                _cancels.Remove(job.Id);
                if (_killed.Remove(job.Id) && !job.Status.IsFinalized())
                {
                    MarkDead(job);
                }

                ReleaseHeld();
                if (job.Status.IsFinalized() && job.EndTs is null)
                {
                    job.EndTs = Timestamps.Pair(_time.GetUtcNow());
                    Save(job);
                }
            }
        }
    }

    private async Task<bool> RunOpAsync(Job job, int index, CancellationToken ct)
    {
        var op = job.Ops[index];
        var executor = _catalog.Executor(op.OpId);
        lock (_sync)
        {
            op.Status = JobStatus.Waiting;
            op.StartTs = Timestamps.Pair(_time.GetUtcNow());
            job.StartTs ??= op.StartTs.DeepClone().AsArray();
            Save(job);
        }

        IAsyncDisposable? held = null;
        try
        {
            await WaitForDependenciesAsync(op, ct).ConfigureAwait(false);
            IEnumerable<string> lockNames;
            lock (_state.Sync)
            {
                lockNames = [.. executor.Locks(op.Input, _state)];
            }

            held = await _locks.AcquireAsync(lockNames, ct).ConfigureAwait(false);
            lock (_sync)
            {
                op.Status = JobStatus.Running;
                op.ExecTs = Timestamps.Pair(_time.GetUtcNow());
                if (op.Input["dry_run"]?.GetValue<bool>() == true)
                {
                    AppendLog(job, op, " - INFO: dry-run mode requested, not actually executing the operation");
                }

                Save(job);
            }

            var context = new OpContext(
                op.Input,
                _state,
                _store,
                message => { lock (_sync) { AppendLog(job, op, message); Save(job); } },
                (factor, token) => Task.Delay(_options.DurationOf(op.OpId) * factor, _time, token),
                jobs => SubmitMany([.. jobs.Select(ops => WithBaseParams(op.Input, ops))], ignoreDrain: true),
                _time)
            {
                Iallocator = _iallocator,
            };
            var result = await executor.ExecuteAsync(context, ct).ConfigureAwait(false);
            Finish(job, index, JobStatus.Success, result);
            return true;
        }
        catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested)
        {
            lock (_sync)
            {
                if (_killed.Remove(job.Id))
                {
                    MarkDead(job);
                }
                else
                {
                    MarkCanceled(job);
                }
            }

            return false;
        }
        catch (SimError error)
        {
            Finish(job, index, JobStatus.Error, error.Encode());
            return false;
        }
#pragma warning disable CA1031 // Any other failure of an executor ends its job, as Ganeti's OpExecError, instead of leaving it running.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogJobCrashed(_logger, job.Id, ex);
            Finish(job, index, JobStatus.Error, SimError.Exec(ex.Message).Encode());
            return false;
        }
        finally
        {
            if (held is not null)
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task WaitForDependenciesAsync(JobOp op, CancellationToken ct)
    {
        if (op.Input["depends"] is not JsonArray depends)
        {
            return;
        }

        foreach (var dep in depends.OfType<JsonArray>())
        {
            var id = dep[0]!.GetValue<long>();
            var allowed = dep[1] is JsonArray statuses ? statuses.Select(s => WireNames<JobStatus>.Parse(s!.GetValue<string>())).ToList() : [];
            while (true)
            {
                Task changed;
                lock (_sync)
                {
                    if (!_jobs.TryGetValue(id, out var other))
                    {
                        throw SimError.Exec($"Job dependency {id} not found");
                    }

                    if (other.Status.IsFinalized())
                    {
                        if (allowed.Count > 0 && !allowed.Contains(other.Status))
                        {
                            throw SimError.Exec($"Job dependency {id} ended with status '{WireNames<JobStatus>.ToWire(other.Status)}'");
                        }

                        break;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private void Finish(Job job, int index, JobStatus status, JsonNode? result)
    {
        lock (_sync)
        {
            var now = Timestamps.Pair(_time.GetUtcNow());
            var op = job.Ops[index];
            op.Status = status;
            op.Result = result;
            op.EndTs = now;
            if (status == JobStatus.Error)
            {
                foreach (var later in job.Ops.Skip(index + 1))
                {
                    later.Status = JobStatus.Error;
                    later.Result = new JsonArray("OpExecError", new JsonArray("Preceding opcode failed"));
                    later.EndTs = now.DeepClone().AsArray();
                }
            }

            if (job.Status.IsFinalized())
            {
                job.EndTs = now.DeepClone().AsArray();
                Ended(job);
            }

            Save(job);
        }
    }

    private void AppendLog(Job job, JobOp op, string message)
    {
        job.LogSerial++;
        op.Log.Add(new JsonArray(job.LogSerial, Timestamps.Pair(_time.GetUtcNow()), "message", message));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed inside the simulator")]
    private static partial void LogJobCrashed(ILogger logger, long jobId, Exception exception);
}
