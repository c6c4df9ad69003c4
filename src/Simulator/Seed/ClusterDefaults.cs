using System.Reflection;
using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Seed;

/// <summary>
/// The cluster parameters a new Ganeti 3.x cluster has (hypervisor, backend, NIC, node and
/// disk parameters, instance policy…), as luxid reports them; embedded as a JSON resource.
/// </summary>
public static class ClusterDefaults
{
    public static JsonObject Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ganeti.Simulator.Seed.cluster-defaults.json")
            ?? throw new InvalidOperationException("cluster-defaults.json is not embedded");
        var defaults = JsonNode.Parse(stream)!.AsObject();
        defaults["default_iallocator"] = "hail";
        return defaults;
    }
}
