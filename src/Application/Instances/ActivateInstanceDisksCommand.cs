using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/activate-disks?ignore_size=: assembles an instance's disks (the body is ignored); the job's result lists node, disk and device.</summary>
[OpResource("instances_name_activate_disks", BodyIgnored = true)]
public sealed record ActivateInstanceDisksCommand(string InstanceName) : OpCommand<OpInstanceActivateDisks>
{
    [Query("ignore_size")]
    public bool IgnoreSize { get; init; }
}
