using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Mediator;

namespace Ganeti.Application.Cluster.GetClusterInfo;

public sealed class GetClusterInfoQueryHandler(IGanetiQueries queries) : IQueryHandler<GetClusterInfoQuery, JsonObject>
{
    /// <summary>Old names RAPI still returns beside the new ones: alias → source key.</summary>
    private static readonly (string Alias, string Source)[] Aliases =
        [("vg_name", "volume_group_name"), ("drbd_helper", "drbd_usermode_helper")];

    public async ValueTask<JsonObject> Handle(GetClusterInfoQuery query, CancellationToken cancellationToken)
    {
        var info = await queries.QueryClusterInfoAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (alias, source) in Aliases)
        {
            if (info.TryGetPropertyValue(source, out var value))
            {
                info[alias] = value?.DeepClone();
            }
        }

        return info;
    }
}
