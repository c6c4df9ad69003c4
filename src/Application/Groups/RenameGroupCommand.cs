using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Groups;

/// <summary>PUT /2/groups/{groupName}/rename?dry-run=: renames a node group; the body gives <c>new_name</c>.</summary>
[OpResource("groups_name_rename")]
public sealed record RenameGroupCommand(string GroupName) : OpCommand<OpGroupRename>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
