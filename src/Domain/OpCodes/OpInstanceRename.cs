namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_RENAME: give an instance a new name.</summary>
public sealed record OpInstanceRename(string InstanceName, [NonEmpty] string NewName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }

    [Default(false)]
    public bool? NameCheck { get; init; }

    [Default(false)]
    public bool? IpCheck { get; init; }
}
