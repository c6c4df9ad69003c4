using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Cluster;

/// <summary>PUT /2/modify: changes cluster parameters (the body is OP_CLUSTER_SET_PARAMS'; <c>compression_tools</c> is refused with 403).</summary>
[OpResource("cluster_modify", Forbidden = ["compression_tools"])]
public sealed record ModifyClusterCommand : OpCommand<OpClusterSetParams>;
