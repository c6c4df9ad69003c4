using Ganeti.Application.Abstractions;
using Mediator;

namespace Ganeti.Application.Health;

public sealed class PingMasterQueryHandler(IGanetiQueries queries) : IQueryHandler<PingMasterQuery, MasterPing>
{
    public async ValueTask<MasterPing> Handle(PingMasterQuery query, CancellationToken cancellationToken)
    {
        var values = await queries.QueryConfigValuesAsync(["cluster_name"], cancellationToken).ConfigureAwait(false);
        return new MasterPing(values.Count > 0 ? values[0]?.ToString() : null);
    }
}
