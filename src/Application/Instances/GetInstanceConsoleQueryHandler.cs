using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Mediator;

namespace Ganeti.Application.Instances;

public sealed class GetInstanceConsoleQueryHandler(IGanetiQueries queries) : IQueryHandler<GetInstanceConsoleQuery, JsonNode>
{
    public async ValueTask<JsonNode> Handle(GetInstanceConsoleQuery query, CancellationToken cancellationToken)
    {
        var rows = await queries.QueryInstancesAsync([query.InstanceName], ["console", "oper_state"], false, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new NotFoundException(string.Empty);
        }

        var (console, running) = (rows[0].Values[0], rows[0].Values[1]);
        if (running is not JsonValue state || state.GetValueKind() != JsonValueKind.True)
        {
            throw new UnavailableException("Instance console unavailable");
        }

        return console as JsonObject ?? throw new MasterProtocolException($"The console of {query.InstanceName} is not an object: {console?.ToJsonString() ?? "null"}");
    }
}
