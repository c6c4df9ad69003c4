using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/failover: moves an instance to its secondary (or a target) by stopping and starting it.</summary>
[OpResource("instances_name_failover")]
public sealed record FailoverInstanceCommand(string InstanceName) : OpCommand<OpInstanceFailover>;
