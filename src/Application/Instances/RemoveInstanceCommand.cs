using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>
/// DELETE /2/instances/{instanceName}?dry-run=: removes an instance and its disks; the body may
/// give <c>shutdown_timeout</c>. RAPI never ignores failures (<c>ignore_failures</c> is fixed to false).
/// </summary>
[OpResource("instances_name")]
public sealed record RemoveInstanceCommand(string InstanceName) : OpCommand<OpInstanceRemove>
{
    public bool IgnoreFailures => false;

    [Query("dry-run")]
    public bool DryRun { get; init; }
}
