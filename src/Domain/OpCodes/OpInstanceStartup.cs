namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_STARTUP: start an instance, optionally with one-off hypervisor/backend parameters.</summary>
public sealed record OpInstanceStartup(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? Force { get; init; }

    public bool? IgnoreOfflineNodes { get; init; }

    public IReadOnlyDictionary<string, object?>? Hvparams { get; init; }

    public IReadOnlyDictionary<string, object?>? Beparams { get; init; }

    public bool? NoRemember { get; init; }

    public bool? StartupPaused { get; init; }

    public int? ShutdownTimeout { get; init; }
}
