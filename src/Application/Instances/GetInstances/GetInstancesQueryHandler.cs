using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Common;
using Mediator;

namespace Ganeti.Application.Instances.GetInstances;

public sealed class GetInstancesQueryHandler(IGanetiQueries queries) : IQueryHandler<GetInstancesQuery, JsonArray>
{
    public async ValueTask<JsonArray> Handle(GetInstancesQuery query, CancellationToken cancellationToken)
    {
        if (query.Bulk)
        {
            var rows = await queries.QueryInstancesAsync([], RapiFields.Instance, query.UseLocking, cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(r => InstanceFieldsFixup.AddMemoryAlias(r.ToObject(RapiFields.Instance)))];
        }

        var names = await queries.QueryInstancesAsync([], ["name"], query.UseLocking, cancellationToken).ConfigureAwait(false);
        var sorted = names.Select(r => r.Values[0]?.GetValue<string>()).Order(StringComparer.Ordinal);
        return IndexList.Build(sorted.Select(n => (JsonNode?)n), "id", "/2/instances/");
    }
}
