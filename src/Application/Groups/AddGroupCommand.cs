using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Groups;

/// <summary>POST /2/groups?dry-run=: creates a node group; the body is OP_GROUP_ADD's (<c>name</c> is taken for <c>group_name</c>).</summary>
[OpResource("groups", Renames = ["name:group_name"])]
public sealed record AddGroupCommand : OpCommand<OpGroupAdd>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
