using Ganeti.Domain.Nodes;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_EVACUATE: move primary and/or secondary instances off a node.</summary>
public sealed record OpNodeEvacuate([NonEmpty] string NodeName, EvacuationMode Mode) : OpCode
{
    [NonEmpty]
    public string? NodeUuid { get; init; }

    [NonEmpty]
    public string? RemoteNode { get; init; }

    [NonEmpty]
    public string? RemoteNodeUuid { get; init; }

    [NonEmpty]
    public string? Iallocator { get; init; }

    [Default(false)]
    public bool? EarlyRelease { get; init; }

    public bool? IgnoreSoftErrors { get; init; }
}
