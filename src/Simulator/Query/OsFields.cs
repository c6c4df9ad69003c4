using System.Text.Json.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Operating system query fields (Ganeti's Python OS query, lib/query.py). Every OS is valid
/// on every online vm-capable node; hidden and blacklisted come from the cluster settings.
/// </summary>
public static class OsFields
{
    public static FieldTable<OsDefinition> Create(ClusterState state)
    {
        var cluster = state.Cluster;
        bool Listed(string key, OsDefinition os) =>
            cluster.Parameters[key] is JsonArray names && names.Any(n => n is JsonValue v && v.TryGetValue<string>(out var name) && name == os.Name);
        JsonObject NodeStatus(OsDefinition os)
        {
            var status = new JsonObject();
            // Per node (by uuid), what it found: path, valid, diagnose message, variants,
            // parameters, API versions, trusted.
            foreach (var node in state.Nodes.Values.Where(n => n.VmCapable && !n.Offline).OrderBy(n => n.Name, NiceSort.Instance))
            {
                status[node.Uuid] = new JsonArray(new JsonArray(
                    os.Path, true, string.Empty,
                    new JsonArray([.. os.Variants.Select(v => (JsonNode?)v)]),
                    new JsonArray([.. os.Parameters.Select(p => (JsonNode?)new JsonArray(p.Name, p.Description))]),
                    new JsonArray([.. os.ApiVersions.Select(v => (JsonNode?)v)]),
                    os.Trusted));
            }

            return status;
        }

        var f = new FieldList<OsDefinition>
        {
            { "name", "Name", FieldKind.Text, "Operating system name", os => os.Name },
            { "valid", "Valid", FieldKind.Bool, "Whether operating system definition is valid", _ => true },
            { "hidden", "Hidden", FieldKind.Bool, "Whether operating system is hidden", os => Listed("hidden_os", os) },
            { "blacklisted", "Blacklisted", FieldKind.Bool, "Whether operating system is blacklisted", os => Listed("blacklisted_os", os) },
            { "variants", "Variants", FieldKind.Other, "Operating system variants", os => FieldValue.Strings(os.Variants.Order(NiceSort.Instance)) },
            { "api_versions", "ApiVersions", FieldKind.Other, "Operating system API versions", os => FieldValue.List([.. os.ApiVersions.Order()], v => v) },
            { "parameters", "Parameters", FieldKind.Other, "Operating system parameters",
                os => FieldValue.List([.. os.Parameters.OrderBy(p => p.Name, NiceSort.Instance)], p => FieldValue.List([p.Name, p.Description])) },
            { "node_status", "NodeStatus", FieldKind.Other, "Status from node", os => NodeStatus(os) },
            { "os_hvp", "OsHypervisorParams", FieldKind.Other, "Operating system specific hypervisor parameters", os => cluster.Defaults("os_hvp")?[os.Name] ?? new JsonObject() },
            { "osparams", "OsParameters", FieldKind.Other, "Operating system specific parameters", os => cluster.Defaults("osparams")?[os.Name] ?? new JsonObject() },
            { "trusted", "Trusted", FieldKind.Bool, "Whether this OS is trusted", os => os.Trusted },
        };
        return f.ToTable();
    }

    public static QuerySource<OsDefinition> Source(ClusterState state) =>
        QuerySource<OsDefinition>.Scanned(Create(state), () => state.OperatingSystems.OrderBy(o => o.Name, NiceSort.Instance));
}
