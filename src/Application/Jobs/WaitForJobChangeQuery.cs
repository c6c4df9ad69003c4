using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Domain.Jobs;
using Mediator;

namespace Ganeti.Application.Jobs;

/// <summary>
/// GET /2/jobs/{jobId}/wait with a body <c>{"fields": […], "previous_job_info": […]|null,
/// "previous_log_serial": n|null}</c>: waits up to 10 s for the job to change, then answers
/// <c>{"job_info": […], "log_entries": […]}</c> (rapi-spec §3.9). Waiting holds no thread.
/// </summary>
public sealed record WaitForJobChangeQuery(long JobId) : IQuery<JsonNode>
{
    public JsonNode? Body { get; init; }
}

public sealed class WaitForJobChangeQueryHandler(IGanetiJobQueue jobs) : IQueryHandler<WaitForJobChangeQuery, JsonNode>
{
    /// <summary>How long one request waits for a change (Ganeti's <c>_WFJC_TIMEOUT</c>).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async ValueTask<JsonNode> Handle(WaitForJobChangeQuery query, CancellationToken cancellationToken)
    {
        var body = query.Body as JsonObject;
        if (body is null || !body.TryGetPropertyValue("fields", out var fieldsNode))
        {
            throw new BadRequestException("Required parameter 'fields' is missing");
        }

        if (fieldsNode is not JsonArray fieldList || !fieldList.All(f => f is JsonValue v && v.GetValueKind() == JsonValueKind.String))
        {
            throw new BadRequestException("The 'fields' parameter should be a list");
        }

        var previousInfo = body["previous_job_info"];
        if (previousInfo is not null and not JsonArray)
        {
            throw new BadRequestException("The 'previous_job_info' parameter should be a list");
        }

        var serialNode = body["previous_log_serial"];
        long? serial = null;
        if (serialNode is not null)
        {
            serial = serialNode is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var s)
                ? s
                : throw new BadRequestException("The 'previous_log_serial' parameter should be a number");
        }

        var fields = fieldList.Select(f => f!.GetValue<string>()).ToList();
        var change = await jobs.WaitForChangeAsync(new JobId(query.JobId), fields, (JsonArray?)previousInfo?.DeepClone(), serial, Timeout, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["job_info"] = new JsonArray([.. change.Info.Select(i => i?.DeepClone())]),
            ["log_entries"] = new JsonArray([.. change.Log.Select(e => (JsonNode)new JsonArray(e.Serial, e.Timestamp?.DeepClone(), e.Type, e.Message?.DeepClone()))]),
        };
    }
}
