using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>POST /2/nodes/{nodeName}/modify: changes a node's flags and parameters (the body is OP_NODE_SET_PARAMS').</summary>
[OpResource("nodes_name_modify")]
public sealed record ModifyNodeCommand(string NodeName) : OpCommand<OpNodeSetParams>;
