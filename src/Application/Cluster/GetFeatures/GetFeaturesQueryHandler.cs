using Mediator;

namespace Ganeti.Application.Cluster.GetFeatures;

public sealed class GetFeaturesQueryHandler : IQueryHandler<GetFeaturesQuery, IReadOnlyList<string>>
{
    public static readonly IReadOnlyList<string> Features =
        ["instance-create-reqv1", "instance-reinstall-reqv1", "node-migrate-reqv1", "node-evac-res1"];

    public ValueTask<IReadOnlyList<string>> Handle(GetFeaturesQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Features);
}
