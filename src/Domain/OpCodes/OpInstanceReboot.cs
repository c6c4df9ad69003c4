using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_REBOOT: reboot an instance (soft, hard or full).</summary>
public sealed record OpInstanceReboot(string InstanceName, RebootType RebootType) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(120), NonNegative]
    public int? ShutdownTimeout { get; init; }

    [Default(false)]
    public bool? IgnoreSecondaries { get; init; }
}
