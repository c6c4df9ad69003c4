namespace Ganeti.Domain.OpCodes;

/// <summary>OP_TEST_DELAY: sleep for a while on the master and/or nodes (used by tests).</summary>
public sealed record OpTestDelay(double Duration) : OpCode
{
    [Default(true)]
    public bool? OnMaster { get; init; }

    [DefaultEmpty, NonEmpty]
    public IReadOnlyList<string>? OnNodes { get; init; }

    [NonEmpty]
    public IReadOnlyList<string>? OnNodeUuids { get; init; }

    [Default(0), NonNegative]
    public int? Repeat { get; init; }

    [Default(false)]
    public bool? Interruptible { get; init; }

    [Default(true)]
    public bool? NoLocks { get; init; }
}
