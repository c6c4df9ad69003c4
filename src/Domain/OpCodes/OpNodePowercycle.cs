namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_POWERCYCLE: power-cycle a node.</summary>
public sealed record OpNodePowercycle(string NodeName) : OpCode
{
    public string? NodeUuid { get; init; }

    public bool? Force { get; init; }
}
