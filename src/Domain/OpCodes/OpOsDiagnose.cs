namespace Ganeti.Domain.OpCodes;

/// <summary>OP_OS_DIAGNOSE: list operating systems (all of them when <c>names</c> is unset).</summary>
public sealed record OpOsDiagnose(IReadOnlyList<string> OutputFields) : OpCode
{
    public IReadOnlyList<string>? Names { get; init; }
}
