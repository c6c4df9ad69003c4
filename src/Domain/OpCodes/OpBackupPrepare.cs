using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_BACKUP_PREPARE: prepare an export (a remote one returns the handshake, key name and CA).</summary>
public sealed record OpBackupPrepare(string InstanceName, ExportMode Mode) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }
}
