using Ganeti.Api.Routing;
using Ganeti.Application.Instances;
using Ganeti.Domain.Tags;

namespace Ganeti.Api.Endpoints;

/// <summary>The <c>/2/instances</c> routes (rapi-spec §4.5).</summary>
public static class InstanceRoutes
{
    private const string Instance = "/2/instances/{instanceName" + RapiRoutes.Name + "}";

    public static IEndpointRouteBuilder MapInstances(this IEndpointRouteBuilder routes)
    {
        routes.Get<GetInstancesQuery>("/2/instances");
        routes.Post<CreateInstanceCommand>("/2/instances");
        routes.Post<AllocateInstancesCommand>("/2/instances-multi-alloc");
        routes.Get<GetInstanceQuery>(Instance);
        routes.Delete<RemoveInstanceCommand>(Instance);
        routes.Get<RequestInstanceInfoCommand>(Instance + "/info");
        routes.Get<GetInstanceConsoleQuery>(Instance + "/console", RapiAccess.ReadWrite);
        routes.Post<RebootInstanceCommand>(Instance + "/reboot");
        routes.Put<StartupInstanceCommand>(Instance + "/startup");
        routes.Put<ShutdownInstanceCommand>(Instance + "/shutdown");
        routes.Put<FailoverInstanceCommand>(Instance + "/failover");
        routes.Put<MigrateInstanceCommand>(Instance + "/migrate");
        routes.Put<RenameInstanceCommand>(Instance + "/rename");
        routes.Put<ModifyInstanceCommand>(Instance + "/modify");
        routes.Post<ReinstallInstanceCommand>(Instance + "/reinstall");
        routes.Post<ReplaceInstanceDisksCommand>(Instance + "/replace-disks");
        routes.Put<ActivateInstanceDisksCommand>(Instance + "/activate-disks");
        routes.Put<DeactivateInstanceDisksCommand>(Instance + "/deactivate-disks");
        routes.Post<RecreateInstanceDisksCommand>(Instance + "/recreate-disks");
        routes.Post<GrowInstanceDiskCommand>(Instance + "/disk/{disk:" + JobIdRouteConstraint.Name + "}/grow");
        routes.Put<PrepareInstanceExportCommand>(Instance + "/prepare-export");
        routes.Put<ExportInstanceCommand>(Instance + "/export");
        routes.Delete<RemoveInstanceExportCommand>(Instance + "/export");
        routes.MapTags("/2/instances/{name" + RapiRoutes.Name + "}/tags", TagKind.Instance);
        return routes;
    }
}
