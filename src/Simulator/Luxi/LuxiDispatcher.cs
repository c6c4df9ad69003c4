using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Tags;
using Ganeti.Luxi;
using Ganeti.Simulator.Jobs;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Luxi;

/// <summary>Answers LUXI requests from the simulated cluster, with luxid's argument order and results.</summary>
public sealed class LuxiDispatcher(ClusterState state, JobQueue jobs)
{
    private readonly QueryEngine _query = new(state, jobs);

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
                return Classic(request, QueryResource.Instance);
            case "QueryNodes":
                return Classic(request, QueryResource.Node);
            case "QueryGroups":
                return Classic(request, QueryResource.Group);
            case "QueryNetworks":
                return Classic(request, QueryResource.Network);
            case "QueryExports":
                Arity(request, 2);
                return NoSync(Lock(a[1])) ?? _query.Classic(QueryResource.Export, Names(a[0]), ["node", "export"]);
            case "ReplaceFilter":
                Arity(request, 5);
                return jobs.ReplaceFilter(a[0], a[1], a[2], a[3], a[4], HaskellText.Pretty(a));
            case "DeleteFilter":
                Arity(request, 1);
                jobs.DeleteFilter(a[0] is JsonValue uuid && uuid.TryGetValue<string>(out var text) ? text : throw new RequestParseError("DeleteFilter: expected a uuid"));
                return null;
            case "QueryFilters":
                Arity(request, 2);
                return _query.Classic(QueryResource.Filter, Names(a[0]), Fields(a[1]));
            case "Query":
                Arity(request, 3);
                return _query.Query(Resource(request, a[0]), FieldList(request, a[1]), Filter(request, a[2]));
            case "QueryFields":
                Arity(request, 2);
                return _query.QueryFields(Resource(request, a[0]), Fields(a[1]));
            case "QueryTags":
                Arity(request, 2);
                return _query.Tags(TagKindOf(request, a[0]), Text(request, a[1]));
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

                return jobs.Cancel(JobIdOf(a[0]), a.Count == 2 && (a[1] is JsonValue kill && kill.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? kill.GetValue<bool>()
                    : throw CannotConvert(request, $"Unable to read Bool; Cannot convert value '{HaskellText.Pretty(request.Args)}', error: Unable to read 1 tuple")));
            case "ChangeJobPriority":
                Arity(request, 2);
                return jobs.ChangePriority(JobIdOf(a[0]), (int)Number(a[1]));
            case "AutoArchiveJobs":
                Arity(request, 2);
                return jobs.AutoArchive(TimeSpan.FromSeconds(Integer(request, a[0])), TimeSpan.FromSeconds(Integer(request, a[1])));
            case "SetWatcherPause":
                Arity(request, 1);
                // luxid takes anything but a number for "no pause": it clears the pause and answers null.
                var until = a[0] is JsonValue when && when.GetValueKind() == JsonValueKind.Number ? Number(when) : (double?)null;
                lock (state.Sync)
                {
                    state.Cluster.WatcherPause = until;
                    jobs.SaveCluster();
                }

                return until is null ? null : a[0]!.DeepClone();
            case "ArchiveJob":
                Arity(request, 1);
                return jobs.Archive(JobIdOf(a[0]));
            case "SetDrainFlag":
                Arity(request, 1);
                jobs.DrainFlag = a[0] is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? flag.GetValue<bool>()
                    : throw CannotConvert(request, "Unable to read Bool");
                return true;
            case "PickupJob":
                throw SimError.Generic("Luxi call 'PickupJob' is for internal use only");
            default:
                throw new RequestParseError($"Unable to parse LUXI request method: Invalid string value for type LuxiReq: \"{request.Method}\"");
        }
    }

    /// <summary>QueryInstances, QueryNodes, QueryGroups, QueryNetworks: <c>[names, fields, lock]</c>.</summary>
    private JsonNode Classic(LuxiRequest request, QueryResource what)
    {
        Arity(request, 3);
        var a = request.Args;
        return NoSync(Lock(a[2])) ?? _query.Classic(what, Names(a[0]), Fields(a[1]));
    }

    /// <summary>luxid refuses locking queries.</summary>
    private static JsonNode? NoSync(bool useLocking) =>
        useLocking ? throw SimError.Prereq("Sync queries are not allowed", ErrorCode.Invalid) : null;

    /// <summary>Query's field list: a list of strings (null is not one).</summary>
    private static List<string> FieldList(LuxiRequest request, JsonNode? node) =>
        node is JsonArray ? Fields(node) : throw CannotConvert(request, "Unable to read list");

    private static QueryResource Resource(LuxiRequest request, JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            throw CannotConvert(request, $"Invalid value '{HaskellText.Pretty(node)}'for query type");
        }

        var word = v.GetValue<string>();
        return QueryEngine.TryParseResource(word, out var resource)
            ? resource
            : throw CannotConvert(request, $"Can't parse value '{word}' as neitherQueryTypeLuxi nor QueryTypeOp");
    }

    private static QueryFilter Filter(LuxiRequest request, JsonNode? node)
    {
        try
        {
            return QueryFilterParser.Parse(node);
        }
        catch (QueryFilterParseException ex)
        {
            throw CannotConvert(request, ex.Message);
        }
    }

    private static TagKind TagKindOf(LuxiRequest request, JsonNode? node)
    {
        var word = Text(request, node);
        return WireNames<TagKind>.TryParse(word, out var kind)
            ? kind
            : throw CannotConvert(request, $"Invalid string value for type TagKind: \"{word}\"");
    }

    private static string Text(LuxiRequest request, JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw CannotConvert(request, "Unable to read String");

    /// <summary>luxid's argument parse failure: "Cannot convert value '…', error: …", the value printed like Haskell's pp_value.</summary>
    private static RequestParseError CannotConvert(LuxiRequest request, string error) =>
        new($"Cannot convert value '{HaskellText.Pretty(request.Args)}', error: {error}");

    /// <summary>An Int argument: a JSON number (Haskell reads a fraction by truncating it), else luxid's parse failure.</summary>
    private static long Integer(LuxiRequest request, JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (long)Math.Truncate(v.GetValue<double>()) : throw CannotConvert(request, "Unable to read Int");

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
