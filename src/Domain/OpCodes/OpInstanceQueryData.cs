namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_QUERY_DATA: detailed instance information (<c>static</c> skips the live state).</summary>
public sealed record OpInstanceQueryData : OpCode
{
    [Default(false)]
    public bool? UseLocking { get; init; }

    [DefaultEmpty, NonEmpty]
    public IReadOnlyList<string>? Instances { get; init; }

    [Default(false)]
    public bool? Static { get; init; }
}
