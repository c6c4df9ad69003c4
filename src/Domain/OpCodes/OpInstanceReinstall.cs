namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_REINSTALL: reinstall an instance's OS (optionally a different one).</summary>
public sealed record OpInstanceReinstall(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(false)]
    public bool? ForceVariant { get; init; }

    [NonEmpty]
    public string? OsType { get; init; }

    public IReadOnlyDictionary<string, object?>? Osparams { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsPrivate { get; init; }

    public IReadOnlyDictionary<string, object?>? OsparamsSecret { get; init; }
}
