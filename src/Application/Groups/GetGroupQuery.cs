using Ganeti.Application.Reads;

namespace Ganeti.Application.Groups;

/// <summary>GET /2/groups/{groupName}[?lock=1]: one node group in full.</summary>
public sealed record GetGroupQuery(string GroupName) : ResourceItemQuery(RapiResources.Groups, GroupName);
