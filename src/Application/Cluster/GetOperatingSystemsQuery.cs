using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Application.Operations;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Mediator;

namespace Ganeti.Application.Cluster;

/// <summary>
/// GET /2/os[?bulk=1]: runs OP_OS_DIAGNOSE as a job and waits for it within the request (the
/// job is cancelled if the client goes away). Without bulk: the names of the valid, visible,
/// not blacklisted OSes, one per variant (<c>name+variant</c>); with bulk: every OS in detail.
/// </summary>
public sealed record GetOperatingSystemsQuery : IQuery<JsonNode>
{
    [Query("bulk")]
    public bool Bulk { get; init; }
}

public sealed class GetOperatingSystemsQueryHandler(IGanetiJobQueue jobs, IGanetiQueries queries) : IQueryHandler<GetOperatingSystemsQuery, JsonNode>
{
    /// <summary>The fields of a bulk answer, in Ganeti's order.</summary>
    public static readonly IReadOnlyList<string> BulkFields = ["name", "valid", "variants", "parameters", "api_versions", "blacklisted", "hidden", "trusted"];

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    public async ValueTask<JsonNode> Handle(GetOperatingSystemsQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> fields = query.Bulk ? BulkFields : ["name", "variants"];
        var id = await jobs.SubmitAsync([new OpOsDiagnose(fields) { Names = [] }], cancellationToken).ConfigureAwait(false);
        JsonNode? result;
        try
        {
            result = await WaitForResultAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: the job is not wanted any more.
            await jobs.CancelAsync(id, kill: false, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result is not JsonArray rows)
        {
            throw new MasterProtocolException("Can't get OS list");
        }

        return query.Bulk ? new JsonArray([.. rows.Select(Detail)]) : new JsonArray([.. rows.SelectMany(Names)]);
    }

    /// <summary>Waits until the job ends; answers its opcode's result, or raises the error it failed with.</summary>
    private async Task<JsonNode?> WaitForResultAsync(JobId id, CancellationToken ct)
    {
        JsonArray? previous = null;
        while (true)
        {
            var change = await jobs.WaitForChangeAsync(id, ["status"], previous, null, Poll, ct).ConfigureAwait(false);
            var status = change.Info[0]?.GetValue<string>();
            if (status is "success" or "error" or "canceled")
            {
                break;
            }

            previous = [.. change.Info.Select(i => i?.DeepClone())];
        }

        var row = (await queries.QueryJobsAsync([id], ["status", "opresult"], ct).ConfigureAwait(false)).Single();
        var result = (row.Values[1] as JsonArray)?.FirstOrDefault();
        return row.Values[0]?.GetValue<string>() switch
        {
            "success" => result,
            "canceled" => throw new GanetiErrorException("JobCanceled", [], $"Job {id} was canceled"),
            _ => throw EncodedError.ToException(result) ?? new GanetiErrorException("OpExecError", [], result?.ToJsonString() ?? "Job failed"),
        };
    }

    private static IEnumerable<JsonNode?> Names(JsonNode? row)
    {
        var name = row?[0]?.GetValue<string>() ?? throw new MasterProtocolException("Can't get OS list");
        var variants = row[1] as JsonArray;
        return variants is { Count: > 0 } ? variants.Select(v => (JsonNode?)$"{name}+{v?.GetValue<string>()}") : [name];
    }

    private static JsonObject Detail(JsonNode? row)
    {
        var values = row as JsonArray ?? throw new MasterProtocolException("Can't get OS list");
        var os = new JsonObject();
        for (var i = 0; i < BulkFields.Count; i++)
        {
            var value = values[i]?.DeepClone();
            if (BulkFields[i] == "parameters" && value is JsonArray parameters)
            {
                value = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p?[0]?.DeepClone(), ["description"] = p?[1]?.DeepClone() })]);
            }

            os[BulkFields[i]] = value;
        }

        return os;
    }
}
