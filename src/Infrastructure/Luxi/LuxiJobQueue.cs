using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Luxi;
using Ganeti.Luxi.Converters;
using static Ganeti.Infrastructure.Luxi.LuxiDecode;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>The job-queue port over LUXI.</summary>
public sealed class LuxiJobQueue(LuxiClient luxi) : IGanetiJobQueue
{
    /// <summary>luxid answers WaitForJobChange after at most this long whatever is asked.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(89);

    public ValueTask<JobId> SubmitAsync(IReadOnlyList<OpCode> ops, CancellationToken ct) => SubmitAsync(LuxiMethods.SubmitJob, ops, ct);

    public ValueTask<JobId> SubmitToDrainedQueueAsync(IReadOnlyList<OpCode> ops, CancellationToken ct) => SubmitAsync(LuxiMethods.SubmitJobToDrainedQueue, ops, ct);

    public async ValueTask<IReadOnlyList<SubmitResult>> SubmitManyAsync(IReadOnlyList<IReadOnlyList<OpCode>> jobs, CancellationToken ct)
    {
        JsonArray all = [.. jobs.Select(ops => (JsonNode)Ops(ops))];
        var result = await luxi.CallAsync(LuxiMethods.SubmitManyJobs, [all], ct).ConfigureAwait(false);
        var entries = Array(LuxiMethods.SubmitManyJobs, result);
        if (entries.Count != jobs.Count)
        {
            throw Unexpected(LuxiMethods.SubmitManyJobs, result);
        }

        IReadOnlyList<SubmitResult> answers = [.. entries.Select(e => Submitted(LuxiMethods.SubmitManyJobs, e))];
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i].Success)
            {
                luxi.Metrics.Submitted(OpIdsOf(jobs[i]));
            }
        }

        return answers;
    }

    public async ValueTask<JobChange> WaitForChangeAsync(JobId id, IReadOnlyList<string> fields, JsonArray? previousInfo, long? previousLogSerial, TimeSpan timeout, CancellationToken ct)
    {
        var seconds = (long)Math.Ceiling(Math.Clamp(timeout.TotalSeconds, 0, MaxWait.TotalSeconds));
        var result = await luxi.CallAsync(
            LuxiMethods.WaitForJobChange,
            [id.Value, Strings(fields), previousInfo?.DeepClone(), previousLogSerial, seconds],
            ct).ConfigureAwait(false);
        if (result is not JsonArray { Count: 2 } answer || answer[0] is not JsonArray info || answer[1] is not JsonArray log)
        {
            throw Unexpected(LuxiMethods.WaitForJobChange, result);
        }

        return new JobChange([.. info.Select(v => v?.DeepClone())], [.. log.Select(e => LogEntry(LuxiMethods.WaitForJobChange, e))]);
    }

    public async ValueTask<JobActionResult> CancelAsync(JobId id, bool kill, CancellationToken ct) =>
        Action(LuxiMethods.CancelJob, await luxi.CallAsync(LuxiMethods.CancelJob, [id.Value, kill], ct).ConfigureAwait(false));

    public async ValueTask<JobActionResult> ChangePriorityAsync(JobId id, int priority, CancellationToken ct) =>
        Action(LuxiMethods.ChangeJobPriority, await luxi.CallAsync(LuxiMethods.ChangeJobPriority, [id.Value, priority], ct).ConfigureAwait(false));

    public async ValueTask<bool> ArchiveAsync(JobId id, CancellationToken ct) =>
        Bool(LuxiMethods.ArchiveJob, await luxi.CallAsync(LuxiMethods.ArchiveJob, [id.Value], ct).ConfigureAwait(false));

    public async ValueTask<ArchiveResult> AutoArchiveAsync(TimeSpan age, TimeSpan timeout, CancellationToken ct)
    {
        var result = await luxi.CallAsync(LuxiMethods.AutoArchiveJobs, [(long)age.TotalSeconds, (long)timeout.TotalSeconds], ct).ConfigureAwait(false);
        return result is JsonArray { Count: 2 } pair
            ? new ArchiveResult((int)Long(LuxiMethods.AutoArchiveJobs, pair[0]), (int)Long(LuxiMethods.AutoArchiveJobs, pair[1]))
            : throw Unexpected(LuxiMethods.AutoArchiveJobs, result);
    }

    /// <summary>The opcodes as luxid takes them; it refuses an opcode without <c>reason</c>, so an unset one is sent as [].</summary>
    private static JsonArray Ops(IReadOnlyList<OpCode> ops) =>
        [.. ops.Select(op => (JsonNode)OpCodeJsonConverter.ToJsonObject(op.Reason is null ? op with { Reason = [] } : op))];

    private async ValueTask<JobId> SubmitAsync(string method, IReadOnlyList<OpCode> ops, CancellationToken ct)
    {
        var result = await luxi.CallAsync(method, [Ops(ops)], ct).ConfigureAwait(false);
        var id = new JobId(Long(method, result));
        luxi.Metrics.Submitted(OpIdsOf(ops));
        return id;
    }

    private static IEnumerable<string> OpIdsOf(IReadOnlyList<OpCode> ops) => ops.Select(op => OpSchema.Of(op.GetType()).OpId);
}
