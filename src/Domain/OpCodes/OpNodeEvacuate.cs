using Ganeti.Domain.Nodes;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_EVACUATE: move primary and/or secondary instances off a node.</summary>
public sealed record OpNodeEvacuate(string NodeName, EvacuationMode Mode) : OpCode
{
    public string? NodeUuid { get; init; }

    public string? RemoteNode { get; init; }

    public string? RemoteNodeUuid { get; init; }

    public string? Iallocator { get; init; }

    public bool? EarlyRelease { get; init; }

    public bool? IgnoreSoftErrors { get; init; }
}
