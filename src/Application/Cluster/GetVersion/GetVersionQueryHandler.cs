using Mediator;

namespace Ganeti.Application.Cluster.GetVersion;

public sealed class GetVersionQueryHandler : IQueryHandler<GetVersionQuery, int>
{
    /// <summary>The remote API version Ganeti 2.x and 3.x report.</summary>
    public const int RapiVersion = 2;

    public ValueTask<int> Handle(GetVersionQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(RapiVersion);
}
