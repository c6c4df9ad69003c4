using Ganeti.Api.Http;
using Ganeti.Application.Instances.RebootInstance;
using Mediator;

namespace Ganeti.Api.Endpoints;

public static partial class InstancesEndpoints
{
    /// <summary>POST /2/instances/{name}/reboot?type=&amp;ignore_secondaries=&amp;dry-run=&amp;reason= with an optional body.</summary>
    private static async Task<IResult> RebootInstance(string instanceName, RapiBody body, HttpContext http, ISender sender, CancellationToken ct)
    {
        var command = new RebootInstanceCommand(
            instanceName,
            RapiQuery.String(http, "type"),
            RapiQuery.Flag(http, "ignore_secondaries"),
            RapiQuery.Flag(http, "dry-run"),
            RapiQuery.String(http, "reason"),
            body.Value);
        return RapiResults.Ok((await sender.Send(command, ct)).Value);
    }
}
