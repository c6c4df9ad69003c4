using Ganeti.Api.Routing;
using Ganeti.Application.Networks;
using Ganeti.Domain.Tags;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/networks</c> routes (rapi-spec §4.4).</summary>
public static class NetworkRoutes
{
    private const string Network = "/2/networks/{networkName" + RapiRoutes.Name + "}";

    public static IEndpointRouteBuilder MapNetworks(this IEndpointRouteBuilder routes)
    {
        routes.Get<GetNetworksQuery>("/2/networks");
        routes.Post<AddNetworkCommand>("/2/networks");
        routes.Get<GetNetworkQuery>(Network);
        routes.Delete<RemoveNetworkCommand>(Network);
        routes.Put<ConnectNetworkCommand>(Network + "/connect");
        routes.Put<DisconnectNetworkCommand>(Network + "/disconnect");
        routes.Put<ModifyNetworkCommand>(Network + "/modify");
        routes.Put<RenameNetworkCommand>(Network + "/rename");
        routes.MapTags("/2/networks/{name" + RapiRoutes.Name + "}/tags", TagKind.Network);
        return routes;
    }
}
