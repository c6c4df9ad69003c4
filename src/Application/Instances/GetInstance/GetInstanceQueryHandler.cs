using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Common;
using Ganeti.Application.Errors;
using Mediator;

namespace Ganeti.Application.Instances.GetInstance;

public sealed class GetInstanceQueryHandler(IGanetiQueries queries) : IQueryHandler<GetInstanceQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetInstanceQuery query, CancellationToken cancellationToken)
    {
        var rows = await queries.QueryInstancesAsync([query.InstanceName], RapiFields.Instance, query.UseLocking, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0
            ? throw new NotFoundException($"Instance '{query.InstanceName}' not known")
            : InstanceFieldsFixup.AddMemoryAlias(rows[0].ToObject(RapiFields.Instance));
    }
}
