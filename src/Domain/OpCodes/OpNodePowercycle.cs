namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_POWERCYCLE: power-cycle a node.</summary>
public sealed record OpNodePowercycle([NonEmpty] string NodeName) : OpCode
{
    [NonEmpty]
    public string? NodeUuid { get; init; }

    [Default(false)]
    public bool? Force { get; init; }
}
