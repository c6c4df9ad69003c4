using Ganeti.Domain.Common;

namespace Ganeti.Domain.OpCodes;

/// <summary>
/// An opcode as Ganeti defines it: an <c>OP_ID</c> derived from the type name and the
/// parameters every opcode shares. Optional parameters are null when unset so that the
/// master applies its own defaults.
/// </summary>
public abstract record OpCode
{
    /// <summary>The wire id, e.g. <c>OP_INSTANCE_REBOOT</c> for <c>OpInstanceReboot</c>.</summary>
    public string OpId => OpIds.FromTypeName(GetType().Name);

    [Default(false, AcceptsNull = true)]
    public bool? DryRun { get; init; }

    [Default(0, AcceptsNull = true), NonNegative]
    public int? DebugLevel { get; init; }

    [Default(0), OneOf(-10, 0, 10)]
    public int? Priority { get; init; }

    public IReadOnlyList<OpDependency>? Depends { get; init; }

    public string? Comment { get; init; }

    [DefaultEmpty]
    public IReadOnlyList<ReasonEntry>? Reason { get; init; }
}
