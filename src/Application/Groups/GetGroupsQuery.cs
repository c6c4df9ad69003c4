using Ganeti.Application.Reads;

namespace Ganeti.Application.Groups;

/// <summary>GET /2/groups[?bulk=1]: an index of node groups, or every group in full.</summary>
public sealed record GetGroupsQuery() : ResourceListQuery(RapiResources.Groups);
