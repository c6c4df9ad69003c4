namespace Ganeti.Domain.OpCodes;

/// <summary>OP_TEST_DELAY: sleep for a while on the master and/or nodes (used by tests).</summary>
public sealed record OpTestDelay(double Duration) : OpCode
{
    public bool? OnMaster { get; init; }

    public IReadOnlyList<string>? OnNodes { get; init; }

    public IReadOnlyList<string>? OnNodeUuids { get; init; }

    public int? Repeat { get; init; }

    public bool? Interruptible { get; init; }

    public bool? NoLocks { get; init; }
}
