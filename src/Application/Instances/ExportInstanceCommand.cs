using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/export: exports an instance to a node, or to another cluster in remote mode (the body is OP_BACKUP_EXPORT'; <c>destination</c> names <c>target_node</c>).</summary>
[OpResource("instances_name_export", Renames = ["destination:target_node"])]
public sealed record ExportInstanceCommand(string InstanceName) : OpCommand<OpBackupExport>;

/// <summary>DELETE /2/instances/{instanceName}/export: removes the instance's exports from every node.</summary>
[OpResource("instances_name_export")]
public sealed record RemoveInstanceExportCommand(string InstanceName) : OpCommand<OpBackupRemove>;
