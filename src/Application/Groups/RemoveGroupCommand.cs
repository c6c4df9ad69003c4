using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Groups;

/// <summary>DELETE /2/groups/{groupName}?dry-run=: removes an empty node group (the body is ignored).</summary>
[OpResource("groups_name", BodyIgnored = true)]
public sealed record RemoveGroupCommand(string GroupName) : OpCommand<OpGroupRemove>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
