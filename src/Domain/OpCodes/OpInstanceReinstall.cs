namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_REINSTALL: reinstall an instance's OS (optionally a different one).</summary>
public sealed record OpInstanceReinstall(string InstanceName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? ForceVariant { get; init; }

    public string? OsType { get; init; }

    public IReadOnlyDictionary<string, object?>? Osparams { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsPrivate { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsSecret { get; init; }
}
