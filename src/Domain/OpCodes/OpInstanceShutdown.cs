using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>
/// OP_INSTANCE_SHUTDOWN: stop an instance. Its shutdown timeout is named <c>timeout</c> on
/// the wire (unlike the other instance opcodes' <c>shutdown_timeout</c>).
/// </summary>
public sealed record OpInstanceShutdown(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(false)]
    public bool? Force { get; init; }

    [Default(false)]
    public bool? IgnoreOfflineNodes { get; init; }

    [Default(120), NonNegative]
    public int? Timeout { get; init; }

    [Default(false)]
    public bool? NoRemember { get; init; }

    public AdminStateSource? AdminStateSource { get; init; }
}
