using Ganeti.Api.Auth;
using Ganeti.Api.Routing;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/instances…</c> route table; writes need the Write policy.</summary>
public static partial class InstancesEndpoints
{
    private const string Instance = "/{instanceName:" + GanetiNameRouteConstraint.Name + "}";

    public static IEndpointRouteBuilder MapInstances(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/2/instances").WithTags("Instances");
        var write = read.MapGroup(string.Empty).RequireAuthorization(RapiPolicies.Write);

        read.MapGet(string.Empty, GetInstances);
        read.MapGet(Instance, GetInstance);
        write.MapPost(Instance + "/reboot", RebootInstance);
        return app;
    }
}
