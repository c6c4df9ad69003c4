using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ganeti.Domain.Instances;

namespace Ganeti.Simulator.State;

public sealed class Instance : ConfigObject
{
    public string Name { get; set; } = string.Empty;

    public string PrimaryNodeUuid { get; set; } = string.Empty;

    public List<string> SecondaryNodeUuids { get; set; } = [];

    public string Os { get; set; } = "noop";

    public string Hypervisor { get; set; } = "fake";

    public AdminState AdminState { get; set; } = AdminState.Up;

    /// <summary>Who last changed <see cref="AdminState"/>: "admin" or "user" (a user shutdown).</summary>
    public string AdminStateSource { get; set; } = "admin";

    public DiskTemplate DiskTemplate { get; set; } = DiskTemplate.Diskless;

    public List<Disk> Disks { get; set; } = [];

    public List<Nic> Nics { get; set; } = [];

    public JsonObject Beparams { get; set; } = [];

    public JsonObject Hvparams { get; set; } = [];

    public JsonObject Osparams { get; set; } = [];

    public int? NetworkPort { get; set; }

    /// <summary>Whether the (simulated) hypervisor is running the instance.</summary>
    public bool Running { get; set; }

    /// <summary>Set by activate-disks and deactivate-disks; otherwise the disks are active while the instance is up or running.</summary>
    public bool? DisksActiveFlag { get; set; }

    [JsonIgnore]
    public bool DisksActive => DisksActiveFlag ?? (AdminState == AdminState.Up || Running);
}
