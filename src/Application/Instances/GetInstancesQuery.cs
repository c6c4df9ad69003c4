using Ganeti.Application.Operations;
using Ganeti.Application.Reads;

namespace Ganeti.Application.Instances;

/// <summary>GET /2/instances[?bulk=1][&amp;lock=1]: an index of instances, or every instance in full.</summary>
public sealed record GetInstancesQuery() : ResourceListQuery(RapiResources.Instances), IResourceListQuery
{
    [Query("lock")]
    public bool UseLocking { get; init; }
}
