namespace Ganeti.Domain.OpCodes;

/// <summary>OP_BACKUP_REMOVE: remove an instance's exports.</summary>
public sealed record OpBackupRemove(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }
}
