using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>PUT /2/instances/{instanceName}/startup?force=&amp;no_remember=&amp;dry-run=: starts an instance (the body is ignored).</summary>
[OpResource("instances_name_startup", BodyIgnored = true)]
public sealed record StartupInstanceCommand(string InstanceName) : OpCommand<OpInstanceStartup>
{
    [Query("force")]
    public bool Force { get; init; }

    [Query("dry-run")]
    public bool DryRun { get; init; }

    [Query("no_remember")]
    public bool NoRemember { get; init; }
}
