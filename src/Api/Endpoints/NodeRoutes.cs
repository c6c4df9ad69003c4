using Ganeti.Api.Routing;
using Ganeti.Application.Nodes;
using Ganeti.Application.Nodes.GetNodeRole;
using Ganeti.Domain.Tags;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/nodes</c> routes (rapi-spec §4.7).</summary>
public static class NodeRoutes
{
    private const string Node = "/2/nodes/{nodeName" + RapiRoutes.Name + "}";

    public static IEndpointRouteBuilder MapNodes(this IEndpointRouteBuilder routes)
    {
        routes.Get<GetNodesQuery>("/2/nodes");
        routes.Get<GetNodeQuery>(Node);
        routes.Get<GetNodeRoleQuery>(Node + "/role");
        routes.Put<SetNodeRoleCommand>(Node + "/role");
        routes.Post<ModifyNodeCommand>(Node + "/modify");
        routes.Get<QueryNodeStorageCommand>(Node + "/storage", RapiAccess.Write);
        routes.Put<ModifyNodeStorageCommand>(Node + "/storage/modify");
        routes.Put<RepairNodeStorageCommand>(Node + "/storage/repair");
        routes.Post<EvacuateNodeCommand>(Node + "/evacuate");
        routes.Post<MigrateNodeCommand>(Node + "/migrate");
        routes.Post<PowercycleNodeCommand>(Node + "/powercycle");
        routes.MapTags("/2/nodes/{name" + RapiRoutes.Name + "}/tags", TagKind.Node);
        return routes;
    }
}
