using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/rename: renames a stopped instance; the body gives <c>new_name</c>, and may give <c>name_check</c> and <c>ip_check</c>. The job's result is the new name.</summary>
[OpResource("instances_name_rename")]
public sealed record RenameInstanceCommand(string InstanceName) : OpCommand<OpInstanceRename>;
