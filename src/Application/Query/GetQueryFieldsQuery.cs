using Ganeti.Application.Abstractions;
using Ganeti.Application.Operations;
using Ganeti.Application.Reads;
using Mediator;

namespace Ganeti.Application.Query;

/// <summary>GET /2/query/{resource}/fields[?fields=a,b]: Query2 field definitions (all when no fields are given).</summary>
public sealed record GetQueryFieldsQuery(string Resource) : IQuery<JsonBody>
{
    [Query("fields")]
    public string? Fields { get; init; }
}

public sealed class GetQueryFieldsQueryHandler(IGanetiQueries queries) : IQueryHandler<GetQueryFieldsQuery, JsonBody>
{
    public async ValueTask<JsonBody> Handle(GetQueryFieldsQuery query, CancellationToken cancellationToken)
    {
        KnownQueryResources.Require(query.Resource);
        return JsonBody.Raw(await queries.QueryFieldsRawAsync(query.Resource, query.Fields is null ? null : QueryFieldList.Split(query.Fields), cancellationToken).ConfigureAwait(false));
    }
}
