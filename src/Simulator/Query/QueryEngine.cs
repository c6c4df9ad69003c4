using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Tags;
using Ganeti.Simulator.Jobs;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>The kinds of objects Query and QueryFields know (luxid's QueryTypeOp and QueryTypeLuxi).</summary>
public enum QueryResource
{
    Cluster,
    Instance,
    Node,
    Group,
    Os,
    Export,
    Network,
    Lock,
    Job,
    Filter,
}

/// <summary>
/// The simulated master's query engine: Query, QueryFields and the classic queries
/// (QueryInstances, QueryNodes, …) over the cluster config and the job queue, all built on
/// the same field tables. Config queries run under <see cref="ClusterState.Sync"/>, job
/// queries under the queue's lock.
/// </summary>
public sealed class QueryEngine(ClusterState state, JobQueue jobs)
{
    private static readonly Dictionary<string, QueryResource> Words = new(StringComparer.Ordinal)
    {
        ["cluster"] = QueryResource.Cluster,
        ["instance"] = QueryResource.Instance,
        ["node"] = QueryResource.Node,
        ["group"] = QueryResource.Group,
        ["os"] = QueryResource.Os,
        ["export"] = QueryResource.Export,
        ["network"] = QueryResource.Network,
        ["lock"] = QueryResource.Lock,
        ["job"] = QueryResource.Job,
        ["filter"] = QueryResource.Filter,
    };

    public static bool TryParseResource(string word, out QueryResource resource) => Words.TryGetValue(word, out resource);

    /// <summary>luxid's name for the query type in "not supported" errors, e.g. <c>ItemTypeOpCode QROs</c>.</summary>
    public static string HaskellName(QueryResource resource) => resource switch
    {
        QueryResource.Lock => "ItemTypeLuxi QRLock",
        QueryResource.Job => "ItemTypeLuxi QRJob",
        QueryResource.Filter => "ItemTypeLuxi QRFilter",
        QueryResource.Os => "ItemTypeOpCode QROs",
        _ => "ItemTypeOpCode QR" + resource,
    };

    /// <summary>Queries of at least this many instances (or nodes) are sent while they are written.</summary>
    public const int StreamFrom = 2 * RowPlan<Instance>.RowsPerPart;

    /// <summary>Query: <c>{"fields": […], "data": […]}</c> as UTF-8 JSON (a <see cref="RawJson"/> node).</summary>
    public JsonValue Query(QueryResource what, IReadOnlyList<string> fields, QueryFilter filter)
    {
        if (what == QueryResource.Job)
        {
            return RawJson.Node(jobs.Query(fields, filter));
        }

        // Many objects, and not only named ones (those are looked up directly).
        if (IsLarge(what) && filter.RequestedNames("name") is not { Count: > 0 })
        {
            return what == QueryResource.Instance
                ? Streamed(() => QueryRunner.PlanQuery(InstanceFields.Source(state), fields, filter))
                : Streamed(() => QueryRunner.PlanQuery(NodeFields.Source(state), fields, filter));
        }

        lock (state.Sync)
        {
            return RawJson.Node(what switch
            {
                QueryResource.Cluster => QueryRunner.QueryChunks(ClusterFields.Source(state), fields, filter),
                QueryResource.Instance => QueryRunner.QueryChunks(InstanceFields.Source(state), fields, filter),
                QueryResource.Node => QueryRunner.QueryChunks(NodeFields.Source(state), fields, filter),
                QueryResource.Group => QueryRunner.QueryChunks(GroupFields.Source(state), fields, filter),
                QueryResource.Os => QueryRunner.QueryChunks(OsFields.Source(state), fields, filter),
                QueryResource.Export => QueryRunner.QueryChunks(ExportFields.Source(state), fields, filter),
                QueryResource.Network => QueryRunner.QueryChunks(NetworkFields.Source(state), fields, filter),
                QueryResource.Filter => QueryRunner.QueryChunks(FilterRuleFields.Source(state), fields, filter),
                QueryResource.Lock => QueryRunner.QueryChunks(LockFields.Source(), fields, filter),
                _ => throw SimError.Generic($"Query '{HaskellName(what)}' not supported"),
            });
        }
    }

    /// <summary>Whether a query of every object of this resource is sent while it is written (instances and nodes, from <see cref="StreamFrom"/>).</summary>
    private bool IsLarge(QueryResource what) => what switch
    {
        QueryResource.Instance => state.Instances.Count >= StreamFrom,
        QueryResource.Node => state.Nodes.Count >= StreamFrom,
        _ => false,
    };

    /// <summary>
    /// Answers a query of many objects while it is being written: a thread of its own takes the
    /// state's lock, plans the answer (any error comes out of this call, before a byte is
    /// sent) and writes the rows in parts, which the LUXI server sends as each is finished.
    /// </summary>
    private JsonValue Streamed<T>(Func<RowPlan<T>> plan)
    {
        var started = new TaskCompletionSource<StreamedAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Factory.StartNew(
            () =>
            {
                lock (state.Sync)
                {
                    RowPlan<T> rows;
                    StreamedAnswer answer;
                    try
                    {
                        rows = plan();
                        answer = new StreamedAnswer(rows.Head, rows.Parts, rows.Tail);
                    }
                    catch (Exception ex)
                    {
                        started.SetException(ex);
                        return;
                    }

                    started.SetResult(answer);
                    try
                    {
                        rows.WriteParts(answer.Complete);
                    }
                    catch (Exception ex)
                    {
                        answer.Fail(ex);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        return RawJson.Node(started.Task.GetAwaiter().GetResult());
    }

    /// <summary>QueryFields: the definitions of the named fields, or of all fields nicely sorted.</summary>
    public JsonObject QueryFields(QueryResource what, IReadOnlyList<string> fields)
    {
        lock (state.Sync)
        {
            return what switch
            {
                QueryResource.Cluster => QueryRunner.Fields(ClusterFields.Create(state), fields),
                QueryResource.Instance => QueryRunner.Fields(InstanceFields.Create(state), fields),
                QueryResource.Node => QueryRunner.Fields(NodeFields.Create(state), fields),
                QueryResource.Group => QueryRunner.Fields(GroupFields.Create(state), fields),
                QueryResource.Os => QueryRunner.Fields(OsFields.Create(state), fields),
                QueryResource.Export => QueryRunner.Fields(ExportFields.Create(), fields),
                QueryResource.Network => QueryRunner.Fields(NetworkFields.Create(state), fields),
                QueryResource.Lock => QueryRunner.Fields(LockFields.Create(), fields),
                QueryResource.Job => QueryRunner.Fields(JobFields.Table, fields),
                QueryResource.Filter => QueryRunner.Fields(FilterRuleFields.Create(), fields),
                _ => throw SimError.Generic($"QueryFields '{HaskellName(what)}' not supported"),
            };
        }
    }

    /// <summary>
    /// A classic query (QueryInstances, QueryNodes, QueryGroups, QueryNetworks, QueryExports,
    /// QueryFilters): rows of plain values as UTF-8 JSON; names match the name or the uuid;
    /// unknown fields fail with OpPrereqError. The answer is a <see cref="RawJson"/> node.
    /// </summary>
    public JsonValue Classic(QueryResource what, IReadOnlyList<string> names, IReadOnlyList<string> fields)
    {
        var values = names.Select(FilterValue.Of).ToList();
        var byNameOrUuid = QueryRunner.ClassicFilter(values, "name", "uuid");
        if (IsLarge(what) && names.Count == 0)
        {
            return what == QueryResource.Instance
                ? Streamed(() => QueryRunner.PlanClassic(InstanceFields.Source(state), fields, byNameOrUuid))
                : Streamed(() => QueryRunner.PlanClassic(NodeFields.Source(state), fields, byNameOrUuid));
        }

        lock (state.Sync)
        {
            return RawJson.Node(what switch
            {
                QueryResource.Instance => QueryRunner.ClassicChunks(InstanceFields.Source(state), fields, byNameOrUuid),
                QueryResource.Node => QueryRunner.ClassicChunks(NodeFields.Source(state), fields, byNameOrUuid),
                QueryResource.Group => QueryRunner.ClassicChunks(GroupFields.Source(state), fields, byNameOrUuid),
                QueryResource.Network => QueryRunner.ClassicChunks(NetworkFields.Source(state), fields, byNameOrUuid),
                QueryResource.Export => QueryRunner.ClassicChunks(ExportFields.Source(state), fields, QueryRunner.ClassicFilter(values, "node", "node")),
                QueryResource.Filter => QueryRunner.ClassicChunks(FilterRuleFields.Source(state), fields, QueryRunner.ClassicFilter(values, "uuid")),
                _ => throw new ArgumentOutOfRangeException(nameof(what), what, "No classic query for this resource"),
            });
        }
    }

    /// <summary>
    /// QueryTags: the sorted tags of the cluster, a node group, node, instance or network;
    /// unknown objects fail with OpPrereqError unknown_entity.
    /// </summary>
    public JsonArray Tags(TagKind kind, string name)
    {
        lock (state.Sync)
        {
            var tags = kind switch
            {
                TagKind.Cluster => state.Cluster.Tags,
                TagKind.NodeGroup => ObjectLookup.ByName("NodeGroup", state.Groups.Values, name, g => g.Name).Tags,
                TagKind.Node => ObjectLookup.ByName("Node", state.Nodes.Values, name, n => n.Name).Tags,
                TagKind.Instance => ObjectLookup.ByName("Instance", state.Instances.Values, name, i => i.Name).Tags,
                _ => ObjectLookup.ByName("Network", state.Networks.Values, name, n => n.Name).Tags,
            };
            return [.. tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => (JsonNode?)t)];
        }
    }
}
