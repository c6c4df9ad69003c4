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

    /// <summary>
    /// The flags RAPI sets to give a node a role (rapi-spec §9.2): <c>regular</c> clears all
    /// three, the others set one and leave the rest as they are (null). The master role cannot
    /// be given this way; false then.
    /// </summary>
    public static bool TryToFlags(NodeRole role, out (bool? MasterCandidate, bool? Offline, bool? Drained) flags)
    {
        flags = role switch
        {
            NodeRole.Regular => (false, false, false),
            NodeRole.MasterCandidate => (true, null, null),
            NodeRole.Drained => (null, null, true),
            NodeRole.Offline => (null, true, null),
            _ => (null, null, null),
        };
        return role != NodeRole.Master;
    }
}
