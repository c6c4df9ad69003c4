using Ganeti.Application.Abstractions;
using Ganeti.Application.Operations;
using Ganeti.Application.Reads;
using Mediator;

namespace Ganeti.Application.Query;

/// <summary>GET /2/query/{resource}?fields=a,b: a Query2 query without a filter; the master's answer as it is.</summary>
public sealed record QueryResourceQuery(string Resource) : IQuery<JsonBody>
{
    [Query("fields")]
    public string? Fields { get; init; }
}

public sealed class QueryResourceQueryHandler(IGanetiQueries queries) : IQueryHandler<QueryResourceQuery, JsonBody>
{
    public async ValueTask<JsonBody> Handle(QueryResourceQuery query, CancellationToken cancellationToken)
    {
        var fields = QueryFieldList.Required(query.Fields);
        KnownQueryResources.Require(query.Resource);
        return JsonBody.Reordered(await queries.QueryRawAsync(query.Resource, fields, null, cancellationToken).ConfigureAwait(false), "data", "fields");
    }
}
