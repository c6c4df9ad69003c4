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
/// <c>storage_type</c> the type is the one of the first enabled disk template.
/// <para>
/// What the simulated nodes report: for the file types, the cluster's directory (size and
/// free space of the node's disk as <c>dtotal</c>/<c>dfree</c> show them, used: the disks of
/// that template in it); for LVM, the cluster's volume group on one physical volume,
/// <see cref="PhysicalVolume"/> (size <c>dtotal</c>, free <c>dfree</c>, used the difference).
/// All sizes in MiB.
/// </para>
/// </summary>
public sealed class NodeQueryStorageExecutor : IOpExecutor
{
    /// <summary>The physical volume that holds the volume group on every simulated node.</summary>
    public const string PhysicalVolume = "/dev/sdb";

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
            var dfree = NodeFields.Create(state).TryGet("dfree", out var field) ? field : null;
            foreach (var node in nodes.OrderBy(n => n.Uuid, NiceSort.Instance))
            {
                if (node.Offline || !state.Nodes.ContainsKey(node.Uuid))
                {
                    continue;
                }

                var free = JsonNumbers.Int64(dfree?.Get(node).ToNode());
                var (units, failure) = Units(state, node, type, unitName, free, fields);
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

            // lvm-pv is enabled with lvm-vg, which the disk templates enable.
            var checkedType = asked == "lvm-pv" ? "lvm-vg" : asked;
            if (!enabled.Any(t => TypeOf(t) == checkedType))
            {
                throw SimError.Prereq($"No disk template of storage type '{checkedType}' is enabled in this cluster. Enabled disk templates are: {string.Join(',', enabled)}");
            }

            return asked;
        }

        var type = TypeOf(enabled[0]);
        if (!ReportedTypes.Contains(type))
        {
            throw SimError.Prereq(
                $"Storage reporting for storage type '{type}' is not supported. Please use the --storage-type option to specify one of the supported storage types ({PythonText.CommaJoin(ReportedTypes)}) or set the default disk template to one that supports storage reporting.");
        }

        return type;
    }

    /// <summary>constants.MAP_DISK_TEMPLATE_STORAGE_TYPE.</summary>
    private static string TypeOf(string template) => template switch
    {
        "drbd" or "plain" => "lvm-vg",
        "rbd" => "rados",
        _ => template,
    };

    /// <summary>What the node's storage_list call answers: its units, or the error it fails with.</summary>
    private static (List<Unit> Units, string? Failure) Units(ClusterState state, Node node, string type, string? name, long free, List<string> fields)
    {
        var cluster = state.Cluster;
        var size = node.DiskTotal;
        switch (type)
        {
            case "file" or "sharedfile" or "gluster":
                var directory = cluster.Parameters[type switch { "file" => "file_storage_dir", "sharedfile" => "shared_file_storage_dir", _ => "gluster_storage_dir" }]?.GetValue<string>() ?? string.Empty;
                var path = name ?? directory;
                if (path != directory && (fields.Contains("size") || fields.Contains("free")))
                {
                    return ([], $"[Errno 2] No such file or directory: {PythonText.Quote(path)}");
                }

                return ([new Unit(path, path == directory ? size : 0, path == directory ? DirectoryUsage(state, node, type) : 0, path == directory ? free : 0)], null);
            case "lvm-vg":
                var vg = cluster.VolumeGroupName ?? string.Empty;
                if (name is not null && name != vg)
                {
                    return ([], $"Failed to run 'vgs', command output:   Volume group \"{name}\" not found\n  Cannot process volume group {name}\n");
                }

                return ([new Unit(vg, size, size - free, free)], null);
            case "lvm-pv":
                if (name is not null && name != PhysicalVolume)
                {
                    return ([], $"Failed to run 'pvs', command output:   Failed to find physical volume \"{name}\".\n");
                }

                return ([new Unit(PhysicalVolume, size, size - free, free)], null);
            default:
                return ([], $"Unknown storage type: {PythonText.Quote(type)}");
        }
    }

    /// <summary>
    /// What the directory of a file storage type holds on the node: the disks of that
    /// template (on a shared directory, those of every instance).
    /// </summary>
    private static long DirectoryUsage(ClusterState state, Node node, string type)
    {
        var template = WireNames<DiskTemplate>.Parse(type);
        return state.Instances.Values
            .Where(i => i.DiskTemplate == template && (template != DiskTemplate.File || i.PrimaryNodeUuid == node.Uuid))
            .Sum(i => i.Disks.Sum(d => d.Size));
    }

    private sealed class Unit(string name, long size, long used, long free)
    {
        public string Name { get; } = name;

        public Dictionary<string, JsonNode?> Values { get; } = new(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["size"] = size,
            ["used"] = used,
            ["free"] = free,
            ["allocatable"] = true,
        };
    }
}
