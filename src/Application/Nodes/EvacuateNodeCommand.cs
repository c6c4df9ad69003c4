using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>POST /2/nodes/{nodeName}/evacuate?dry-run=: moves instances off a node; the body gives <c>mode</c> and optionally <c>iallocator</c>, <c>remote_node</c>, <c>early_release</c>, <c>ignore_soft_errors</c>.</summary>
[OpResource("nodes_name_evacuate")]
public sealed record EvacuateNodeCommand(string NodeName) : OpCommand<OpNodeEvacuate>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
