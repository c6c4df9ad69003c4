using System.Text.Json.Nodes;

namespace Ganeti.Simulator.State;

public sealed class NodeGroup : ConfigObject
{
    public string Name { get; set; } = string.Empty;

    public string AllocPolicy { get; set; } = "preferred";

    public JsonObject Ndparams { get; set; } = [];

    public JsonObject Ipolicy { get; set; } = [];

    public JsonObject Diskparams { get; set; } = [];

    /// <summary>network uuid → {mode, link, vlan}.</summary>
    public Dictionary<string, JsonObject> Networks { get; set; } = [];
}
