using Ganeti.Api.Http;
using Ganeti.Application.Nodes.GetNodeRole;
using Ganeti.Application.Nodes.GetNodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Nodes;
using Mediator;

namespace Ganeti.Api.Endpoints;

public static partial class NodesEndpoints
{
    /// <summary>GET /2/nodes[?bulk=1].</summary>
    private static async Task<IResult> GetNodes(HttpContext http, ISender sender, CancellationToken ct) =>
        RapiResults.Ok(await sender.Send(new GetNodesQuery(RapiQuery.Flag(http, "bulk")), ct));

    /// <summary>GET /2/nodes/{name}/role: a JSON string such as <c>"master-candidate"</c>.</summary>
    private static async Task<IResult> GetNodeRole(string nodeName, HttpContext http, ISender sender, CancellationToken ct) =>
        RapiResults.Ok(WireNames<NodeRole>.ToWire(await sender.Send(new GetNodeRoleQuery(nodeName, RapiQuery.Flag(http, "lock")), ct)));
}
