using Ganeti.Api.Auth;
using Ganeti.Api.Routing;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/nodes…</c> route table; writes need the Write policy.</summary>
public static partial class NodesEndpoints
{
    private const string Node = "/{nodeName:" + GanetiNameRouteConstraint.Name + "}";

    public static IEndpointRouteBuilder MapNodes(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/2/nodes").WithTags("Nodes");
        var write = read.MapGroup(string.Empty).RequireAuthorization(RapiPolicies.Write);

        read.MapGet(string.Empty, GetNodes);
        read.MapGet(Node + "/role", GetNodeRole);
        write.MapPost(Node + "/evacuate", EvacuateNode);
        return app;
    }
}
