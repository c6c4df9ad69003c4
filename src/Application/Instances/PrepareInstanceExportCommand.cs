using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/prepare-export?mode=: prepares an export (the body is ignored); a remote one answers the handshake, key name and CA for the other cluster.</summary>
[OpResource("instances_name_prepare_export", BodyIgnored = true)]
public sealed record PrepareInstanceExportCommand(string InstanceName) : OpCommand<OpBackupPrepare>
{
    [Query("mode")]
    public string? Mode { get; init; }
}
