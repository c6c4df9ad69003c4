using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>POST /2/instances/{instanceName}/recreate-disks: recreates an instance's disks (the body gives <c>disks</c>, <c>nodes</c>, <c>iallocator</c>).</summary>
[OpResource("instances_name_recreate_disks")]
public sealed record RecreateInstanceDisksCommand(string InstanceName) : OpCommand<OpInstanceRecreateDisks>;
