using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>POST /2/nodes/{nodeName}/powercycle?force=: power-cycles a node; the job's result is the node's answer.</summary>
[OpResource("nodes_name_powercycle")]
public sealed record PowercycleNodeCommand(string NodeName) : OpCommand<OpNodePowercycle>
{
    [Query("force")]
    public bool Force { get; init; }
}
