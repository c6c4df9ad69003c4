using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/migrate: moves a running instance live (or not) to its secondary or a target.</summary>
[OpResource("instances_name_migrate")]
public sealed record MigrateInstanceCommand(string InstanceName) : OpCommand<OpInstanceMigrate>;
