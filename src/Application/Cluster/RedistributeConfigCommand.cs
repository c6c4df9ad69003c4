using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Cluster;

/// <summary>PUT /2/redistribute-config: copies the configuration to every node again.</summary>
[OpResource("redist_config")]
public sealed record RedistributeConfigCommand : OpCommand<OpClusterRedistConf>;
