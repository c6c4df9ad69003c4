using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/shutdown?no_remember=&amp;dry-run=: stops an instance; the body may give <c>timeout</c>, <c>force</c>, <c>ignore_offline_nodes</c>, <c>admin_state_source</c>.</summary>
[OpResource("instances_name_shutdown")]
public sealed record ShutdownInstanceCommand(string InstanceName) : OpCommand<OpInstanceShutdown>
{
    [Query("no_remember")]
    public bool NoRemember { get; init; }

    [Query("dry-run")]
    public bool DryRun { get; init; }
}
