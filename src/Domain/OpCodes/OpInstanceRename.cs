namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_RENAME: give an instance a new name.</summary>
public sealed record OpInstanceRename(string InstanceName, string NewName) : OpCode
{
    public string? InstanceUuid { get; init; }

    public bool? NameCheck { get; init; }

    public bool? IpCheck { get; init; }
}
