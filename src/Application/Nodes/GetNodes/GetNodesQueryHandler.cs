using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Common;
using Mediator;

namespace Ganeti.Application.Nodes.GetNodes;

public sealed class GetNodesQueryHandler(IGanetiQueries queries) : IQueryHandler<GetNodesQuery, JsonArray>
{
    public async ValueTask<JsonArray> Handle(GetNodesQuery query, CancellationToken cancellationToken)
    {
        if (query.Bulk)
        {
            var rows = await queries.QueryNodesAsync([], RapiFields.Node, false, cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(r => r.ToObject(RapiFields.Node))];
        }

        var names = await queries.QueryNodesAsync([], ["name"], false, cancellationToken).ConfigureAwait(false);
        var sorted = names.Select(r => r.Values[0]?.GetValue<string>()).Order(StringComparer.Ordinal);
        return IndexList.Build(sorted.Select(n => (JsonNode?)n), "id", "/2/nodes/");
    }
}
