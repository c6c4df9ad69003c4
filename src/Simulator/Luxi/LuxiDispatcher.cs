using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Infrastructure.Luxi.Wire;
using Ganeti.Simulator.Jobs;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Luxi;

/// <summary>Answers LUXI requests from the simulated cluster, with luxid's argument order and results.</summary>
public sealed class LuxiDispatcher(ClusterState state, JobQueue jobs)
{
    /// <summary>luxid caps WaitForJobChange at 89 s whatever the client asks.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(89);

    public async Task<JsonNode?> DispatchAsync(LuxiRequest request, CancellationToken ct)
    {
        var a = request.Args;
        switch (request.Method)
        {
            case "QueryClusterInfo":
                lock (state.Sync)
                {
                    return ClusterInfo.Build(state);
                }

            case "QueryInstances":
                Arity(request, 3);
                return Classic(InstanceFields.Create(state), state.Instances.Values, i => i.Name, Names(a[0]), Fields(a[1]), Lock(a[2]));
            case "QueryNodes":
                Arity(request, 3);
                return Classic(NodeFields.Create(state), state.Nodes.Values, n => n.Name, Names(a[0]), Fields(a[1]), Lock(a[2]));
            case "QueryJobs":
                Arity(request, 2);
                return jobs.QueryJobs(a[0] is null ? null : [.. a[0]!.AsArray().Select(JobIdOf)], Fields(a[1]));
            case "QueryConfigValues":
                Arity(request, 1);
                return ConfigValues(Fields(a[0]));
            case "SubmitJob":
                Arity(request, 1);
                return jobs.Submit(List(a[0]), ignoreDrain: false);
            case "SubmitJobToDrainedQueue":
                Arity(request, 1);
                return jobs.Submit(List(a[0]), ignoreDrain: true, "SubmitJobToDrainedQueue");
            case "SubmitManyJobs":
                Arity(request, 1);
                return jobs.SubmitMany([.. List(a[0]).Select(List)]);
            case "WaitForJobChange":
                Arity(request, 5);
                var timeout = TimeSpan.FromSeconds(Math.Clamp(Number(a[4]), 0, MaxWait.TotalSeconds));
                return await jobs.WaitForChangeAsync(
                    JobIdOf(a[0]), Fields(a[1]), a[2] as JsonArray, a[3] is null ? null : (long)Number(a[3]), timeout, ct).ConfigureAwait(false);
            case "CancelJob":
                if (a.Count is < 1 or > 2)
                {
                    Arity(request, 2);
                }

                return jobs.Cancel(JobIdOf(a[0]));
            case "ChangeJobPriority":
                Arity(request, 2);
                return jobs.ChangePriority(JobIdOf(a[0]), (int)Number(a[1]));
            case "AutoArchiveJobs":
                Arity(request, 2);
                return jobs.AutoArchive(TimeSpan.FromSeconds(Number(a[0])));
            case "SetWatcherPause":
                Arity(request, 1);
                lock (state.Sync)
                {
                    state.Cluster.WatcherPause = a[0] is null ? null : Number(a[0]);
                    jobs.SaveCluster();
                }

                return a[0]?.DeepClone();
            case "ArchiveJob":
                Arity(request, 1);
                return jobs.Archive(JobIdOf(a[0]));
            case "SetDrainFlag":
                Arity(request, 1);
                jobs.DrainFlag = a[0] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
                return true;
            case "PickupJob":
                throw SimError.Generic("Luxi call 'PickupJob' is for internal use only");
            default:
                throw new RequestParseError($"Unable to parse LUXI request method: Invalid string value for type LuxiReq: \"{request.Method}\"");
        }
    }

    private JsonArray Classic<T>(FieldTable<T> table, IEnumerable<T> items, Func<T, string> name, IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking)
        where T : ConfigObject
    {
        if (useLocking)
        {
            throw SimError.Prereq("Sync queries are not allowed", ErrorCode.Invalid);
        }

        lock (state.Sync)
        {
            var getters = table.Select(fields);
            var all = items.ToList();
            IEnumerable<T> selected = names.Count == 0
                ? all.OrderBy(name, NiceSort.Instance)
                : names.SelectMany(n => ClusterState.MatchByHostName(all, n, name)).Distinct();
            return [.. selected.Select(item => (JsonNode)FieldTable<T>.Row(item, getters))];
        }
    }

    private JsonArray ConfigValues(IReadOnlyList<string> fields)
    {
        lock (state.Sync)
        {
            return [.. fields.Select(f => f switch
            {
                "cluster_name" => (JsonNode?)state.Cluster.Name,
                "master_node" => state.MasterNode.Name,
                "drain_flag" => state.Cluster.DrainFlag,
                "watcher_pause" => state.Cluster.WatcherPause,
                "modify_ssh_setup" => state.Cluster.Parameters["modify_ssh_setup"]?.DeepClone(),
                "ssh_key_type" => state.Cluster.Parameters["ssh_key_type"]?.DeepClone(),
                "ssh_key_bits" => state.Cluster.Parameters["ssh_key_bits"]?.DeepClone(),
                _ => null,
            })];
        }
    }

    private static void Arity(LuxiRequest request, int count)
    {
        if (request.Args.Count != count)
        {
            throw new RequestParseError($"Cannot convert value '{request.Args.ToJsonString()}', error: {request.Method} takes {count} arguments");
        }
    }

    private static JsonArray List(JsonNode? node) =>
        node as JsonArray ?? throw new RequestParseError($"Cannot convert value '{node?.ToJsonString() ?? "null"}', error: expected a list");

    private static List<string> Names(JsonNode? node) =>
        node is null ? [] : [.. List(node).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new RequestParseError($"Cannot convert value '{node.ToJsonString()}', error: expected strings"))];

    private static List<string> Fields(JsonNode? node) => Names(node);

    private static bool Lock(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValue<bool>()
            : throw new RequestParseError($"Cannot convert value '{node?.ToJsonString() ?? "null"}', error: expected a boolean");

    private static double Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.GetValue<double>()
            : throw new RequestParseError($"Cannot convert value '{node?.ToJsonString() ?? "null"}', error: expected a number");

    private static long JobIdOf(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var id) => id,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new RequestParseError($"Cannot convert value '{node?.ToJsonString() ?? "null"}', error: expected a job id"),
    };
}
