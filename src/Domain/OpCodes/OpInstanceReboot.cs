using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_REBOOT: reboot an instance (soft, hard or full).</summary>
public sealed record OpInstanceReboot(string InstanceName, RebootType RebootType) : OpCode
{
    public string? InstanceUuid { get; init; }

    public int? ShutdownTimeout { get; init; }

    public bool? IgnoreSecondaries { get; init; }
}
