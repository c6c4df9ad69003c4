using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Groups;

/// <summary>PUT /2/groups/{groupName}/assign-nodes?dry-run=&amp;force=: moves the body's <c>nodes</c> into the group.</summary>
[OpResource("groups_name_assign_nodes")]
public sealed record AssignGroupNodesCommand(string GroupName) : OpCommand<OpGroupAssignNodes>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }

    [Query("force")]
    public bool Force { get; init; }
}
