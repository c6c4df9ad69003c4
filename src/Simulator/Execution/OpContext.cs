using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;
using Ganeti.Simulator.Store;

namespace Ganeti.Simulator.Execution;

/// <summary>What an opcode executor works with: its opcode, the cluster, the job log and the queue.</summary>
public sealed class OpContext(
    JsonObject op,
    ClusterState state,
    SimStore store,
    Action<string> log,
    Func<double, CancellationToken, Task> delay,
    Func<IReadOnlyList<JsonArray>, JsonArray> submitJobs,
    TimeProvider time)
{
    public JsonObject Op { get; } = op;

    public ClusterState State { get; } = state;

    public SimStore Store { get; } = store;

    public TimeProvider Time { get; } = time;

    /// <summary>Runs iallocator scripts (hail) for the opcodes that place instances.</summary>
    public Iallocation.IIallocatorRunner Iallocator { get; init; } = new Iallocation.ScriptIallocatorRunner(Iallocation.ScriptIallocatorRunner.DefaultDirectory);

    public bool DryRun => Op["dry_run"]?.GetValue<bool>() ?? false;

    public double Now => Timestamps.Seconds(Time.GetUtcNow());

    public string? String(string key) => Op[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool Bool(string key) => Op[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>
    /// A parameter that is a list of strings (absent: empty; <paramref name="nonEmpty"/>: each
    /// string non-empty, Ganeti's <c>[NEStr]</c>); anything else fails as Ganeti's opcode
    /// validation does.
    /// </summary>
    public List<string> StringList(string key, bool nonEmpty = false)
    {
        switch (Op[key])
        {
            case null:
                return [];
            case JsonArray list when list.All(n => n is JsonValue v && v.TryGetValue<string>(out var s) && (!nonEmpty || s.Length > 0)):
                return [.. list.Select(n => n!.GetValue<string>())];
            default:
                throw SimError.Prereq($"Parameter '{Op["OP_ID"]}.{key}' fails validation", ErrorCode.Invalid);
        }
    }

    /// <summary>Adds a message to the opcode's log, as Ganeti's <c>LogInfo</c> does.</summary>
    public void Log(string message) => log(message);

    /// <summary>Waits for the simulated duration of this kind of operation.</summary>
    public Task DelayAsync(CancellationToken ct) => delay(1.0, ct);

    /// <summary>Waits for the simulated duration of this kind of operation times <paramref name="factor"/> (work in proportion to a size).</summary>
    public Task DelayAsync(double factor, CancellationToken ct) => delay(factor, ct);

    /// <summary>Submits further jobs (each a list of opcodes); answers like SubmitManyJobs.</summary>
    public JsonArray SubmitJobs(IReadOnlyList<JsonArray> jobs) => submitJobs(jobs);
}
