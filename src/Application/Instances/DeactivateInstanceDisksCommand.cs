using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/deactivate-disks?force=: shuts an instance's disks down (the body is ignored).</summary>
[OpResource("instances_name_deactivate_disks", BodyIgnored = true)]
public sealed record DeactivateInstanceDisksCommand(string InstanceName) : OpCommand<OpInstanceDeactivateDisks>
{
    [Query("force")]
    public bool Force { get; init; }
}
