using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Application.Operations;
using Ganeti.Application.Reads;
using Mediator;

namespace Ganeti.Application.Query;

/// <summary>
/// PUT /2/query/{resource} with a body <c>{"fields": […], "qfilter": […]}</c>: a Query2 query
/// with a filter (<c>filter</c> is the older name); fields may come from <c>?fields=</c> instead.
/// </summary>
public sealed record FilterResourceQuery(string Resource) : IQuery<JsonBody>
{
    [Query("fields")]
    public string? Fields { get; init; }

    public JsonNode? Body { get; init; }
}

public sealed class FilterResourceQueryHandler(IGanetiQueries queries) : IQueryHandler<FilterResourceQuery, JsonBody>
{
    public async ValueTask<JsonBody> Handle(FilterResourceQuery query, CancellationToken cancellationToken)
    {
        if (query.Body is not JsonObject body)
        {
            throw new BadRequestException($"Body contents: Type is '{OpInput.PythonTypeName(query.Body)}', but 'dict' is expected");
        }

        IReadOnlyList<string> fields = body.TryGetPropertyValue("fields", out var given)
            ? given is JsonArray list && list.All(f => f is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                ? [.. list.Select(f => f!.GetValue<string>())]
                : throw new BadRequestException("The 'fields' parameter should be a list")
            : QueryFieldList.Required(query.Fields);
        KnownQueryResources.Require(query.Resource);
        var filter = body["qfilter"] ?? body["filter"];
        return JsonBody.Reordered(await queries.QueryRawAsync(query.Resource, fields, filter, cancellationToken).ConfigureAwait(false), "data", "fields");
    }
}
