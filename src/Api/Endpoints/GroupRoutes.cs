using Ganeti.Api.Routing;
using Ganeti.Application.Groups;
using Ganeti.Domain.Tags;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/groups</c> routes (rapi-spec §4.3).</summary>
public static class GroupRoutes
{
    private const string Group = "/2/groups/{groupName" + RapiRoutes.Name + "}";

    public static IEndpointRouteBuilder MapGroups(this IEndpointRouteBuilder routes)
    {
        routes.Get<GetGroupsQuery>("/2/groups");
        routes.Post<AddGroupCommand>("/2/groups");
        routes.Get<GetGroupQuery>(Group);
        routes.Delete<RemoveGroupCommand>(Group);
        routes.Put<ModifyGroupCommand>(Group + "/modify");
        routes.Put<RenameGroupCommand>(Group + "/rename");
        routes.Put<AssignGroupNodesCommand>(Group + "/assign-nodes");
        routes.MapTags("/2/groups/{name" + RapiRoutes.Name + "}/tags", TagKind.NodeGroup);
        return routes;
    }
}
