using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Domain.Tags;
using Mediator;

namespace Ganeti.Application.Tags;

/// <summary>GET /2/tags, /2/instances/{name}/tags, /2/nodes/{name}/tags, /2/groups/{name}/tags, /2/networks/{name}/tags.</summary>
public sealed record GetTagsQuery(TagKind Kind, string? Name) : IQuery<JsonNode>;

public sealed class GetTagsQueryHandler(IGanetiQueries queries) : IQueryHandler<GetTagsQuery, JsonNode>
{
    public async ValueTask<JsonNode> Handle(GetTagsQuery query, CancellationToken cancellationToken)
    {
        var tags = await queries.QueryTagsAsync(query.Kind, query.Name, cancellationToken).ConfigureAwait(false);
        return new JsonArray([.. tags.Select(t => (JsonNode)t)]);
    }
}
