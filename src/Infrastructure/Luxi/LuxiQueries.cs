using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.Tags;
using Ganeti.Luxi;
using static Ganeti.Infrastructure.Luxi.LuxiDecode;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>The query port over LUXI: one call per method, results decoded into typed values.</summary>
public sealed class LuxiQueries(LuxiClient luxi) : IGanetiQueries
{
    public async ValueTask<JsonObject> QueryClusterInfoAsync(CancellationToken ct)
    {
        var result = await luxi.CallAsync(LuxiMethods.QueryClusterInfo, [], ct).ConfigureAwait(false);
        return result as JsonObject ?? throw Unexpected(LuxiMethods.QueryClusterInfo, result);
    }

    public ValueTask<IReadOnlyList<QueryRow>> QueryInstancesAsync(IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct) =>
        RowsAsync(LuxiMethods.QueryInstances, [Strings(names), Strings(fields), useLocking], ct);

    public ValueTask<IReadOnlyList<QueryRow>> QueryNodesAsync(IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct) =>
        RowsAsync(LuxiMethods.QueryNodes, [Strings(names), Strings(fields), useLocking], ct);

    public ValueTask<IReadOnlyList<QueryRow>> QueryGroupsAsync(IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct) =>
        RowsAsync(LuxiMethods.QueryGroups, [Strings(names), Strings(fields), useLocking], ct);

    public ValueTask<IReadOnlyList<QueryRow>> QueryNetworksAsync(IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct) =>
        RowsAsync(LuxiMethods.QueryNetworks, [Strings(names), Strings(fields), useLocking], ct);

    public ValueTask<IReadOnlyList<QueryRow>> QueryJobsAsync(IReadOnlyList<JobId>? ids, IReadOnlyList<string> fields, CancellationToken ct)
    {
        JsonArray? idList = ids is null ? null : [.. ids.Select(id => (JsonNode)id.Value)];
        return RowsAsync(LuxiMethods.QueryJobs, [idList, Strings(fields)], ct);
    }

    public async ValueTask<IReadOnlyList<string>> QueryTagsAsync(TagKind kind, string? name, CancellationToken ct)
    {
        var result = await luxi.CallAsync(LuxiMethods.QueryTags, [WireNames<TagKind>.ToWire(kind), name ?? string.Empty], ct).ConfigureAwait(false);
        return [.. Array(LuxiMethods.QueryTags, result).Select(t => String(LuxiMethods.QueryTags, t))];
    }

    public ValueTask<IReadOnlyList<QueryRow>> QueryExportsAsync(IReadOnlyList<string> nodes, bool useLocking, CancellationToken ct) =>
        RowsAsync(LuxiMethods.QueryExports, [Strings(nodes), useLocking], ct);

    public async ValueTask<IReadOnlyList<JsonNode?>> QueryConfigValuesAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var result = await luxi.CallAsync(LuxiMethods.QueryConfigValues, [Strings(names)], ct).ConfigureAwait(false);
        var values = Array(LuxiMethods.QueryConfigValues, result);
        return values.Count == names.Count ? [.. values.Select(v => v?.DeepClone())] : throw Unexpected(LuxiMethods.QueryConfigValues, result);
    }

    public ValueTask<IReadOnlyList<QueryRow>> QueryFiltersAsync(IReadOnlyList<string>? uuids, IReadOnlyList<string> fields, CancellationToken ct) =>
        RowsAsync(LuxiMethods.QueryFilters, [uuids is null ? null : Strings(uuids), Strings(fields)], ct);

    public async ValueTask<QueryResult> QueryAsync(string resource, IReadOnlyList<string> fields, JsonNode? filter, CancellationToken ct)
    {
        var result = await luxi.CallAsync(LuxiMethods.Query, [resource, Strings(fields), filter?.DeepClone()], ct).ConfigureAwait(false);
        return LuxiDecode.QueryResult(LuxiMethods.Query, result);
    }

    public async ValueTask<IReadOnlyList<FieldDefinition>> QueryFieldsAsync(string resource, IReadOnlyList<string>? fields, CancellationToken ct)
    {
        var result = await luxi.CallAsync(LuxiMethods.QueryFields, [resource, fields is null ? null : Strings(fields)], ct).ConfigureAwait(false);
        return result is JsonObject obj ? FieldDefinitions(LuxiMethods.QueryFields, obj["fields"]) : throw Unexpected(LuxiMethods.QueryFields, result);
    }

    public ValueTask<RawJson> QueryRowsRawAsync(ClassicQuery query, IReadOnlyList<string>? names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct)
    {
        var (method, args) = Classic(query, names, fields, useLocking);
        return luxi.CallRawAsync(method, args, ct);
    }

    public ValueTask<IJsonSource> StreamRowsAsync(ClassicQuery query, IReadOnlyList<string>? names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct)
    {
        var (method, args) = Classic(query, names, fields, useLocking);
        return luxi.CallStreamingAsync(method, args, ct);
    }

    /// <summary>The LUXI call of a classic query: <c>[names, fields, lock]</c>, or <c>[ids, fields]</c> for jobs and filters.</summary>
    private static (string Method, JsonArray Args) Classic(ClassicQuery query, IReadOnlyList<string>? names, IReadOnlyList<string> fields, bool useLocking)
    {
        var nameList = names is null ? null : Strings(names);
        return query switch
        {
            ClassicQuery.Instances => (LuxiMethods.QueryInstances, [nameList ?? [], Strings(fields), useLocking]),
            ClassicQuery.Nodes => (LuxiMethods.QueryNodes, [nameList ?? [], Strings(fields), useLocking]),
            ClassicQuery.Groups => (LuxiMethods.QueryGroups, [nameList ?? [], Strings(fields), useLocking]),
            ClassicQuery.Networks => (LuxiMethods.QueryNetworks, [nameList ?? [], Strings(fields), useLocking]),
            ClassicQuery.Jobs => (LuxiMethods.QueryJobs, [nameList, Strings(fields)]),
            ClassicQuery.Filters => (LuxiMethods.QueryFilters, [nameList, Strings(fields)]),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query, null),
        };
    }

    public ValueTask<RawJson> QueryRawAsync(string resource, IReadOnlyList<string> fields, JsonNode? filter, CancellationToken ct) =>
        luxi.CallRawAsync(LuxiMethods.Query, [resource, Strings(fields), filter?.DeepClone()], ct);

    public ValueTask<RawJson> QueryFieldsRawAsync(string resource, IReadOnlyList<string>? fields, CancellationToken ct) =>
        luxi.CallRawAsync(LuxiMethods.QueryFields, [resource, fields is null ? null : Strings(fields)], ct);

    private async ValueTask<IReadOnlyList<QueryRow>> RowsAsync(string method, JsonArray args, CancellationToken ct) =>
        Rows(method, await luxi.CallAsync(method, args, ct).ConfigureAwait(false));
}
