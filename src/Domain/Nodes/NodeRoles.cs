namespace Ganeti.Domain.Nodes;

/// <summary>The one-letter codes of the <c>role</c> query field, and how flags give a role.</summary>
public static class NodeRoles
{
    public static char ToCode(this NodeRole role) => role switch
    {
        NodeRole.Master => 'M',
        NodeRole.MasterCandidate => 'C',
        NodeRole.Drained => 'D',
        NodeRole.Offline => 'O',
        NodeRole.Regular => 'R',
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryFromCode(string? code, out NodeRole role)
    {
        role = code switch
        {
            "M" => NodeRole.Master,
            "C" => NodeRole.MasterCandidate,
            "D" => NodeRole.Drained,
            "O" => NodeRole.Offline,
            "R" => NodeRole.Regular,
            _ => (NodeRole)(-1),
        };
        return Enum.IsDefined(role);
    }

    /// <summary>Ganeti's precedence: master, then candidate, drained, offline, regular.</summary>
    public static NodeRole FromFlags(bool isMaster, bool masterCandidate, bool drained, bool offline) =>
        isMaster ? NodeRole.Master
        : masterCandidate ? NodeRole.MasterCandidate
        : drained ? NodeRole.Drained
        : offline ? NodeRole.Offline
        : NodeRole.Regular;
}
