using System.Text.Json.Nodes;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.Tags;

namespace Ganeti.Application.Abstractions;

/// <summary>Reads of cluster state, as the master answers them.</summary>
public interface IGanetiQueries
{
    ValueTask<JsonObject> QueryClusterInfoAsync(CancellationToken ct);

    ValueTask<IReadOnlyList<QueryRow>> QueryInstancesAsync(
        IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct);

    ValueTask<IReadOnlyList<QueryRow>> QueryNodesAsync(
        IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct);

    ValueTask<IReadOnlyList<QueryRow>> QueryGroupsAsync(
        IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct);

    ValueTask<IReadOnlyList<QueryRow>> QueryNetworksAsync(
        IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct);

    /// <summary>Jobs by id (null = every job in the live queue).</summary>
    ValueTask<IReadOnlyList<QueryRow>> QueryJobsAsync(
        IReadOnlyList<JobId>? ids, IReadOnlyList<string> fields, CancellationToken ct);

    /// <summary>Tags of an object (name null for the cluster).</summary>
    ValueTask<IReadOnlyList<string>> QueryTagsAsync(TagKind kind, string? name, CancellationToken ct);

    /// <summary>Exports on the given nodes (all when empty): rows of node and export name.</summary>
    ValueTask<IReadOnlyList<QueryRow>> QueryExportsAsync(IReadOnlyList<string> nodes, bool useLocking, CancellationToken ct);

    /// <summary>Values such as cluster_name, master_node, drain_flag, watcher_pause; unknown names give null.</summary>
    ValueTask<IReadOnlyList<JsonNode?>> QueryConfigValuesAsync(IReadOnlyList<string> names, CancellationToken ct);

    /// <summary>Job filter rules by uuid (null = all).</summary>
    ValueTask<IReadOnlyList<QueryRow>> QueryFiltersAsync(IReadOnlyList<string>? uuids, IReadOnlyList<string> fields, CancellationToken ct);

    /// <summary>Query2: any resource, any fields, an optional filter; values keep their status.</summary>
    ValueTask<QueryResult> QueryAsync(string resource, IReadOnlyList<string> fields, JsonNode? filter, CancellationToken ct);

    /// <summary>Query2 field definitions (null or empty = all fields).</summary>
    ValueTask<IReadOnlyList<FieldDefinition>> QueryFieldsAsync(string resource, IReadOnlyList<string>? fields, CancellationToken ct);

    /// <summary>
    /// A classic query's answer exactly as the master sent it, a JSON list of rows: by name
    /// (<paramref name="names"/> empty = all; for jobs and filters null = all) with
    /// <paramref name="useLocking"/> for instances, nodes, groups and networks.
    /// </summary>
    ValueTask<RawJson> QueryRowsRawAsync(ClassicQuery query, IReadOnlyList<string>? names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct);

    /// <summary>The same answer read while it arrives, for lists too large to hold (dispose it).</summary>
    ValueTask<IJsonSource> StreamRowsAsync(ClassicQuery query, IReadOnlyList<string>? names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct);

    /// <summary>A Query2 answer exactly as sent: <c>{"fields": […], "data": […]}</c>.</summary>
    ValueTask<RawJson> QueryRawAsync(string resource, IReadOnlyList<string> fields, JsonNode? filter, CancellationToken ct);

    /// <summary>Query2 field definitions exactly as sent: <c>{"fields": […]}</c>.</summary>
    ValueTask<RawJson> QueryFieldsRawAsync(string resource, IReadOnlyList<string>? fields, CancellationToken ct);
}

/// <summary>The master's classic (per-resource) queries.</summary>
public enum ClassicQuery
{
    Instances,
    Nodes,
    Groups,
    Networks,
    Jobs,
    Filters,
}
