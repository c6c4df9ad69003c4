using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>POST /2/instances/{instanceName}/reboot?type=&amp;ignore_secondaries=&amp;dry-run=: reboots an instance; the body may set the opcode's other parameters.</summary>
[OpResource("instances_name_reboot")]
public sealed record RebootInstanceCommand(string InstanceName) : OpCommand<OpInstanceReboot>
{
    [Query("type"), OpParameter("reboot_type")]
    public string RebootType { get; init; } = "hard";

    [Query("ignore_secondaries")]
    public bool IgnoreSecondaries { get; init; }

    [Query("dry-run")]
    public bool DryRun { get; init; }
}
