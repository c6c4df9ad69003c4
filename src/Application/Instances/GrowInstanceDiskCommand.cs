using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>POST /2/instances/{instanceName}/disk/{disk}/grow: grows a disk by <c>amount</c> MiB, or to it with <c>absolute</c> (the body gives <c>amount</c>, <c>absolute</c>, <c>wait_for_sync</c>, <c>ignore_ipolicy</c>).</summary>
[OpResource("instances_name_disk_grow")]
public sealed record GrowInstanceDiskCommand(string InstanceName, long Disk) : OpCommand<OpInstanceGrowDisk>;
