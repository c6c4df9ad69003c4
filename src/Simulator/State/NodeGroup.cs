using System.Text.Json.Nodes;

namespace Ganeti.Simulator.State;

public sealed class NodeGroup : ConfigObject
{
    public string Name { get; set; } = string.Empty;

    public string AllocPolicy { get; set; } = "preferred";

    public JsonObject Ndparams { get; set; } = [];

    public JsonObject Ipolicy { get; set; } = [];

    public JsonObject Diskparams { get; set; } = [];

    /// <summary>hv_state_static: hypervisor name → resource figures set by the administrator.</summary>
    public JsonObject HvState { get; set; } = [];

    /// <summary>disk_state_static: storage type → unit name → resource figures set by the administrator.</summary>
    public JsonObject DiskState { get; set; } = [];

    /// <summary>network uuid → {mode, link, vlan}.</summary>
    public Dictionary<string, JsonObject> Networks { get; set; } = [];
}
