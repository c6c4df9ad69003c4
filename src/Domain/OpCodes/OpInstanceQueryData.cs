namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_QUERY_DATA: detailed instance information (<c>static</c> skips the live state).</summary>
public sealed record OpInstanceQueryData : OpCode
{
    public bool? UseLocking { get; init; }

    public IReadOnlyList<string>? Instances { get; init; }

    public bool? Static { get; init; }
}
