namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_STARTUP: start an instance, optionally with one-off hypervisor/backend parameters.</summary>
public sealed record OpInstanceStartup(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(false)]
    public bool? Force { get; init; }

    [Default(false)]
    public bool? IgnoreOfflineNodes { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? Hvparams { get; init; }

    [DefaultEmpty]
    public IReadOnlyDictionary<string, object?>? Beparams { get; init; }

    [Default(false)]
    public bool? NoRemember { get; init; }

    [Default(false)]
    public bool? StartupPaused { get; init; }

    [Default(120), NonNegative]
    public int? ShutdownTimeout { get; init; }
}
