namespace Ganeti.Domain.OpCodes;

/// <summary>OP_OS_DIAGNOSE: list operating systems (all of them when <c>names</c> is unset).</summary>
public sealed record OpOsDiagnose([NonEmpty] IReadOnlyList<string> OutputFields) : OpCode
{
    [DefaultEmpty, NonEmpty]
    public IReadOnlyList<string>? Names { get; init; }
}
