using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>
/// OP_INSTANCE_SHUTDOWN: stop an instance. Its shutdown timeout is named <c>timeout</c> on
/// the wire (unlike the other instance opcodes' <c>shutdown_timeout</c>).
/// </summary>
public sealed record OpInstanceShutdown(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? Force { get; init; }

    public bool? IgnoreOfflineNodes { get; init; }

    public int? Timeout { get; init; }

    public bool? NoRemember { get; init; }

    public AdminStateSource? AdminStateSource { get; init; }
}
