using Ganeti.Api.Http;
using Ganeti.Application.Nodes.EvacuateNode;
using Mediator;

namespace Ganeti.Api.Endpoints;

public static partial class NodesEndpoints
{
    /// <summary>POST /2/nodes/{name}/evacuate?dry-run=&amp;reason= with a body giving at least <c>mode</c>.</summary>
    private static async Task<IResult> EvacuateNode(string nodeName, RapiBody body, HttpContext http, ISender sender, CancellationToken ct)
    {
        var command = new EvacuateNodeCommand(nodeName, RapiQuery.Flag(http, "dry-run"), RapiQuery.String(http, "reason"), body.Value);
        return RapiResults.Ok((await sender.Send(command, ct)).Value);
    }
}
