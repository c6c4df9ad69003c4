using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Domain.Jobs;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>The query port over LUXI: one call per method, results decoded into rows.</summary>
public sealed class LuxiQueries(LuxiClient luxi) : IGanetiQueries
{
    public async ValueTask<JsonObject> QueryClusterInfoAsync(CancellationToken ct)
    {
        var result = await luxi.CallAsync("QueryClusterInfo", [], ct).ConfigureAwait(false);
        return result as JsonObject ?? throw Unexpected("QueryClusterInfo", result);
    }

    public ValueTask<IReadOnlyList<QueryRow>> QueryInstancesAsync(IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct) =>
        QueryRowsAsync("QueryInstances", [Strings(names), Strings(fields), useLocking], ct);

    public ValueTask<IReadOnlyList<QueryRow>> QueryNodesAsync(IReadOnlyList<string> names, IReadOnlyList<string> fields, bool useLocking, CancellationToken ct) =>
        QueryRowsAsync("QueryNodes", [Strings(names), Strings(fields), useLocking], ct);

    public ValueTask<IReadOnlyList<QueryRow>> QueryJobsAsync(IReadOnlyList<JobId>? ids, IReadOnlyList<string> fields, CancellationToken ct)
    {
        JsonArray? idList = ids is null ? null : [.. ids.Select(id => (JsonNode)id.Value)];
        return QueryRowsAsync("QueryJobs", [idList, Strings(fields)], ct);
    }

    private async ValueTask<IReadOnlyList<QueryRow>> QueryRowsAsync(string method, JsonArray args, CancellationToken ct)
    {
        var result = await luxi.CallAsync(method, args, ct).ConfigureAwait(false);
        if (result is not JsonArray rows)
        {
            throw Unexpected(method, result);
        }

        var decoded = new List<QueryRow>(rows.Count);
        foreach (var row in rows)
        {
            // luxid answers an unknown job id with null in place of the row's values.
            decoded.Add(row switch
            {
                JsonArray values => new QueryRow([.. values.Select(v => v?.DeepClone())]),
                _ => throw Unexpected(method, row),
            });
        }

        return decoded;
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    private static MasterProtocolException Unexpected(string method, JsonNode? result) =>
        new($"LUXI {method} returned an unexpected value: {Truncate(result?.ToJsonString() ?? "null")}");

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
