using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Storage;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_NODE_QUERY_STORAGE (<c>gnt-node list-storage</c>, RAPI's <c>GET /2/nodes/N/storage</c>)
/// as Ganeti's LUNodeQueryStorage: the requested fields of every storage unit of the type on
/// the named nodes (all nodes when none are named), nodes in the nice order of their uuids
/// (what Ganeti sorts), units by name; offline nodes are left out. Without
/// <c>storage_type</c> the type is the one of the first enabled disk template. The units and
/// their sizes (MiB) come from the nodes' storage, <see cref="StorageModel"/>: the volume
/// groups and physical volumes for LVM, the cluster's directory for the file types.
/// </summary>
public sealed class NodeQueryStorageExecutor : IOpExecutor
{
    /// <summary>constants.VALID_STORAGE_FIELDS.</summary>
    private static readonly string[] ValidFields = ["allocatable", "free", "name", "node", "size", "type", "used"];

    /// <summary>constants.STS_REPORT_NODE_STORAGE (Ganeti lists this set in no fixed order).</summary>
    private static readonly string[] ReportedTypes = ["file", "gluster", "lvm-pv", "lvm-vg", "sharedfile"];

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var fields = ctx.StringList("output_fields", nonEmpty: true);
        var unknown = fields.Where(f => !ValidFields.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            throw SimError.Prereq($"Unknown output fields selected: {string.Join(',', unknown)}", ErrorCode.Invalid);
        }

        List<Node> nodes;
        string type;
        lock (state.Sync)
        {
            var names = ctx.StringList("nodes", nonEmpty: true);
            nodes = names.Count == 0
                ? [.. state.Nodes.Values]
                : [.. names.Select(n => Lookups.Node(state, n)).DistinctBy(n => n.Uuid)];
            type = ChooseStorageType(ctx);
            if (ctx.DryRun)
            {
                return null;
            }
        }

        // Asking the nodes.
        await ctx.DelayAsync(ct).ConfigureAwait(false);
        var unitName = ctx.String("name");
        var result = new JsonArray();
        lock (state.Sync)
        {
            var storage = StorageModel.Of(state);
            foreach (var node in nodes.OrderBy(n => n.Uuid, NiceSort.Instance))
            {
                if (node.Offline || !state.Nodes.ContainsKey(node.Uuid))
                {
                    continue;
                }

                var (units, failure) = Units(storage, node, type, unitName, fields);
                if (failure is not null)
                {
                    ctx.Log($" - WARNING: Can't get storage data from node {node.Name}: Error while executing backend function: {failure}");
                    continue;
                }

                foreach (var unit in units.DistinctBy(u => u.Name).OrderBy(u => u.Name, NiceSort.Instance))
                {
                    result.Add(new JsonArray([.. fields.Select(f => f switch
                    {
                        "node" => node.Name,
                        "type" => type,
                        _ => unit.Values[f]?.DeepClone(),
                    })]));
                }
            }
        }

        return result;
    }

    /// <summary>The type asked for, which must be enabled, or the default one, which must be reportable.</summary>
    private static string ChooseStorageType(OpContext ctx)
    {
        var cluster = ctx.State.Cluster;
        var enabled = cluster.EnabledDiskTemplates;
        if (ctx.Op["storage_type"] is not null)
        {
            var asked = ctx.String("storage_type");
            if (!WireNames<StorageType>.IsKnown(asked))
            {
                throw SimError.Prereq($"Parameter 'OP_NODE_QUERY_STORAGE.storage_type' fails validation", ErrorCode.Invalid);
            }

            CheckStorageTypeEnabled(cluster, asked!);
            return asked!;
        }

        var type = TypeOf(enabled[0]);
        if (!ReportedTypes.Contains(type))
        {
            throw SimError.Prereq(
                $"Storage reporting for storage type '{type}' is not supported. Please use the --storage-type option to specify one of the supported storage types ({PythonText.CommaJoin(ReportedTypes)}) or set the default disk template to one that supports storage reporting.");
        }

        return type;
    }

    /// <summary>Ganeti's CheckStorageTypeEnabled: some enabled disk template keeps its disks in storage of the type (lvm-pv goes with lvm-vg).</summary>
    internal static void CheckStorageTypeEnabled(ClusterConfig cluster, string type)
    {
        var enabled = cluster.EnabledDiskTemplates;
        var checkedType = type == "lvm-pv" ? "lvm-vg" : type;
        if (!enabled.Any(t => TypeOf(t) == checkedType))
        {
            throw SimError.Prereq($"No disk template of storage type '{checkedType}' is enabled in this cluster. Enabled disk templates are: {string.Join(',', enabled)}");
        }
    }

    /// <summary>constants.MAP_DISK_TEMPLATE_STORAGE_TYPE.</summary>
    private static string TypeOf(string template) => template switch
    {
        "drbd" or "plain" => "lvm-vg",
        "rbd" => "rados",
        _ => template,
    };

    /// <summary>What the node's storage_list call answers: its units, or the error it fails with.</summary>
    private static (List<Unit> Units, string? Failure) Units(StorageModel storage, Node node, string type, string? name, List<string> fields)
    {
        switch (type)
        {
            case "file" or "sharedfile" or "gluster":
                var directory = storage.FileDirectory(node, type)!;
                var path = name ?? directory.Name;
                if (path != directory.Name && (fields.Contains("size") || fields.Contains("free")))
                {
                    return ([], $"[Errno 2] No such file or directory: {PythonText.Quote(path)}");
                }

                return ([path == directory.Name ? new Unit(directory) : new Unit(new StorageUnit(path, 0, 0, 0, true))], null);
            case "lvm-vg":
                var groups = storage.VolumeGroups(node).Where(u => name is null || u.Name == name).ToList();
                if (name is not null && groups.Count == 0)
                {
                    return ([], $"Failed to run 'vgs', command output:   Volume group \"{name}\" not found\n  Cannot process volume group {name}\n");
                }

                return ([.. groups.Select(u => new Unit(u))], null);
            case "lvm-pv":
                var volumes = storage.PhysicalVolumes(node).Where(u => name is null || u.Name == name).ToList();
                if (name is not null && volumes.Count == 0)
                {
                    return ([], $"Failed to run 'pvs', command output:   Failed to find physical volume \"{name}\".\n");
                }

                return ([.. volumes.Select(u => new Unit(u))], null);
            default:
                return ([], $"Unknown storage type: {PythonText.Quote(type)}");
        }
    }

    private sealed class Unit(StorageUnit unit)
    {
        public string Name { get; } = unit.Name;

        public Dictionary<string, JsonNode?> Values { get; } = new(StringComparer.Ordinal)
        {
            ["name"] = unit.Name,
            ["size"] = unit.Size,
            ["used"] = unit.Used,
            ["free"] = unit.Free,
            ["allocatable"] = unit.Allocatable,
        };
    }
}
