using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_QUERY_DATA (<c>gnt-instance info</c>, RAPI's <c>/2/instances/NAME/info</c>): a
/// dict per instance, keyed by name, with the fields Ganeti's LUInstanceQueryData returns.
/// Named instances are expanded like Ganeti does (an unknown one fails); no names means every
/// instance. Without <c>static</c> the nodes are asked for the run state and the disks'
/// status (here: the simulated state), and the opcode then uses locking, as Ganeti logs.
/// Devices the simulator does not model take Ganeti's shapes: logical volumes named after the
/// disk's uuid, DRBD ports and minors handed out in a fixed order, a DRBD logical id that
/// names the current primary first (Ganeti keeps the order of the disk's creation); a NIC's
/// network is described without its reservation bitmaps.
/// </summary>
public sealed class InstanceQueryDataExecutor : IOpExecutor
{
    private const string VolumeGroup = "xenvg";
    private const int FirstDrbdPort = 11000;
    private const int DrbdMetaSize = 128;
    private const int DrbdMajor = 147;

    /// <summary>Ganeti's LDS_OKAY: the local disk is in order.</summary>
    private const int LocalDiskOkay = 1;

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [];

    public Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var isStatic = ctx.Bool("static");
        if (!isStatic && !ctx.Bool("use_locking"))
        {
            ctx.Log(" - WARNING: Non-static data requested, locks need to be acquired");
            ctx.Op["use_locking"] = true;
        }

        var state = ctx.State;
        lock (state.Sync)
        {
            var names = ctx.StringList("instances", nonEmpty: true);
            List<Instance> instances = names.Count == 0
                ? [.. state.Instances.Values.OrderBy(i => i.Name, NiceSort.Instance)]
                : names.Select(n => Lookups.Instance(state, n)).DistinctBy(i => i.Uuid).ToList();
            if (ctx.DryRun)
            {
                return Task.FromResult<JsonNode?>(null);
            }

            var fields = InstanceFields.Create(state);
            var drbd = DrbdLayout(state);
            var result = new JsonObject();
            foreach (var instance in instances)
            {
                var pnode = state.Nodes[instance.PrimaryNodeUuid];
                if (!isStatic && pnode.Offline)
                {
                    ctx.Log($" - WARNING: Primary node {pnode.Name} is marked offline, returning static information only for instance {instance.Name}");
                }

                result[instance.Name] = Describe(state, fields, drbd, instance, isStatic);
            }

            return Task.FromResult<JsonNode?>(result);
        }
    }

    /// <summary>One disk as this opcode describes it statically (for messages that show Ganeti's Disk objects).</summary>
    internal static JsonObject DescribeDisk(ClusterState state, Instance instance, int index) =>
        Disk(state, DrbdLayout(state), instance, instance.Disks[index], index, ask: false, askSecondary: false);

    private static JsonObject Describe(ClusterState state, FieldTable<Instance> fields, Dictionary<Disk, Drbd> drbd, Instance instance, bool isStatic)
    {
        var pnode = state.Nodes[instance.PrimaryNodeUuid];
        var secondaries = instance.SecondaryNodeUuids.Select(u => state.Nodes[u]).ToList();
        var ask = !isStatic && !pnode.Offline;
        var askSecondary = !isStatic && secondaries is [{ Offline: false }, ..];
        // The filled parameters come out of Python dicts built from the cluster's defaults,
        // whose keys Ganeti keeps sorted (luxid's own parameter fields keep another order).
        JsonNode? Filled(string name) => fields.TryGet(name, out var field) && field.Get(instance).ToNode() is JsonObject filled
            ? new JsonObject(filled.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))
            : null;
        return new JsonObject
        {
            ["name"] = instance.Name,
            ["config_state"] = WireNames<AdminState>.ToWire(instance.AdminState),
            ["run_state"] = ask ? RunState(instance) : null,
            ["pnode"] = pnode.Name,
            ["pnode_group_uuid"] = pnode.GroupUuid,
            ["pnode_group_name"] = state.Groups[pnode.GroupUuid].Name,
            ["snodes"] = Json.Strings(secondaries.Select(n => n.Name)),
            ["snodes_group_uuids"] = Json.Strings(secondaries.Select(n => n.GroupUuid)),
            ["snodes_group_names"] = Json.Strings(secondaries.Select(n => state.Groups[n.GroupUuid].Name)),
            ["os"] = instance.Os,
            ["nics"] = Json.Of(instance.Nics, nic => Nic(state, nic)),
            ["disk_template"] = WireNames<DiskTemplate>.ToWire(instance.DiskTemplate),
            ["disks"] = Json.Of(instance.Disks.Select((disk, index) => (disk, index)), d => Disk(state, drbd, instance, d.disk, d.index, ask, askSecondary)),
            ["hypervisor"] = instance.Hypervisor,
            ["network_port"] = instance.NetworkPort,
            ["hv_instance"] = instance.Hvparams.DeepClone(),
            ["hv_actual"] = Filled("hvparams"),
            ["be_instance"] = instance.Beparams.DeepClone(),
            ["be_actual"] = Filled("beparams"),
            ["os_instance"] = instance.Osparams.DeepClone(),
            ["os_actual"] = Filled("osparams"),
            ["serial_no"] = instance.SerialNo,
            ["mtime"] = instance.Mtime,
            ["ctime"] = instance.Ctime,
            ["uuid"] = instance.Uuid,
        };
    }

    /// <summary>What the primary node reports, as Ganeti words it.</summary>
    private static string RunState(Instance instance) => instance.Running ? "up" : instance.AdminState switch
    {
        AdminState.Up => "down",
        AdminState.Down => instance.AdminStateSource == "user" ? "user down" : "down",
        _ => "offline",
    };

    /// <summary>Ganeti's NIC tuple: name, uuid, ip, mac, mode, link, vlan, network, network's description.</summary>
    private static JsonArray Nic(ClusterState state, Nic nic)
    {
        JsonObject? network = null;
        if (nic.NetworkUuid is { } uuid && state.Networks.TryGetValue(uuid, out var net))
        {
            // Like Ganeti's Network.ToDict, unset values are left out.
            network = new JsonObject
            {
                ["name"] = net.Name,
                ["network"] = net.Subnet,
                ["tags"] = Json.Strings(net.Tags.Order(StringComparer.Ordinal)),
                ["serial_no"] = net.SerialNo,
                ["ctime"] = net.Ctime,
                ["mtime"] = net.Mtime,
                ["uuid"] = net.Uuid,
            };
            foreach (var (key, value) in new[] { ("gateway", net.Gateway), ("network6", net.Network6), ("gateway6", net.Gateway6), ("mac_prefix", net.MacPrefix) })
            {
                if (value is not null)
                {
                    network[key] = value;
                }
            }
        }

        return [nic.Name, nic.Uuid, nic.Ip, nic.Mac, nic.Mode, nic.Link, nic.Vlan, nic.NetworkUuid, network];
    }

    private static JsonObject Disk(ClusterState state, Dictionary<Disk, Drbd> drbd, Instance instance, Disk disk, int index, bool ask, bool askSecondary)
    {
        // A DRBD device exists only while the instance's disks are active; its volumes always.
        var active = instance.AdminState == AdminState.Up || instance.Running;
        var template = instance.DiskTemplate;
        var devType = WireNames<DiskTemplate>.ToWire(template);
        var children = new JsonArray();
        JsonArray logicalId;
        JsonObject? drbdInfo = null;
        JsonNode? primary = null;
        JsonNode? secondary = null;
        var volume = $"{disk.Uuid}.disk{index}";
        switch (template)
        {
            case DiskTemplate.Drbd when instance.SecondaryNodeUuids is [var snode, ..] && drbd.TryGetValue(disk, out var device):
                logicalId = [instance.PrimaryNodeUuid, snode, device.Port, device.PrimaryMinor, device.SecondaryMinor, null];
                drbdInfo = new JsonObject
                {
                    ["primary_node"] = state.NodeName(instance.PrimaryNodeUuid),
                    ["primary_minor"] = device.PrimaryMinor,
                    ["secondary_node"] = state.NodeName(snode),
                    ["secondary_minor"] = device.SecondaryMinor,
                    ["port"] = device.Port,
                };
                children.Add(Volume(disk, volume + "_data", disk.Size, ask, askSecondary));
                children.Add(Volume(disk, volume + "_meta", DrbdMetaSize, ask, askSecondary));
                primary = ask && active ? Status($"/dev/drbd{device.PrimaryMinor}", DrbdMajor, device.PrimaryMinor) : null;
                secondary = askSecondary && active ? Status($"/dev/drbd{device.SecondaryMinor}", DrbdMajor, device.SecondaryMinor) : null;
                break;
            case DiskTemplate.Plain:
                logicalId = [VolumeGroup, volume];
                primary = ask ? Status($"/dev/{VolumeGroup}/{volume}", 253, index) : null;
                break;
            case DiskTemplate.File or DiskTemplate.SharedFile:
                var directory = template == DiskTemplate.File ? "/srv/ganeti/file-storage" : "/srv/ganeti/shared-file-storage";
                var path = $"{directory}/{instance.Name}/{disk.Uuid}.file.disk{index}";
                logicalId = ["loop", path];
                primary = ask ? Status(path, null, null) : null;
                break;
            case DiskTemplate.BlockDev:
                logicalId = ["manual", $"/dev/disk/by-id/{volume}"];
                primary = ask ? Status($"/dev/disk/by-id/{volume}", null, null) : null;
                break;
            default:
                logicalId = [devType, volume];
                primary = ask ? Status($"/dev/{devType}/{volume}", null, null) : null;
                break;
        }

        return new JsonObject
        {
            ["iv_name"] = $"disk/{index}",
            ["dev_type"] = devType,
            ["logical_id"] = logicalId,
            ["drbd_info"] = drbdInfo,
            ["pstatus"] = primary,
            ["sstatus"] = secondary,
            ["children"] = children,
            ["mode"] = disk.Mode,
            ["size"] = disk.Size,
            ["spindles"] = disk.Spindles,
            ["name"] = disk.Name,
            ["uuid"] = disk.Uuid,
        };
    }

    /// <summary>A logical volume under a DRBD disk, on both nodes; its uuid is derived from the disk's and the volume's name.</summary>
    private static JsonObject Volume(Disk disk, string name, long size, bool ask, bool askSecondary)
    {
        var path = $"/dev/{VolumeGroup}/{name}";
        return new JsonObject
        {
            ["iv_name"] = string.Empty,
            ["dev_type"] = "plain",
            ["logical_id"] = new JsonArray(VolumeGroup, name),
            ["drbd_info"] = null,
            ["pstatus"] = ask ? Status(path, 253, 0) : null,
            ["sstatus"] = askSecondary ? Status(path, 253, 0) : null,
            ["children"] = new JsonArray(),
            ["mode"] = "rw",
            ["size"] = size,
            ["spindles"] = null,
            ["name"] = null,
            ["uuid"] = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(disk.Uuid + "/" + name)).AsSpan(0, 16)).ToString(),
        };
    }

    /// <summary>blockdev_find's answer for a device in order: path, major, minor, sync %, time left, degraded, local disk status.</summary>
    private static JsonArray Status(string path, int? major, int? minor) => [path, major, minor, null, null, false, LocalDiskOkay];

    /// <summary>
    /// A port and a minor on each node for every DRBD disk of the cluster, handed out in order
    /// (instances by name, then their disks): unique, and the same from one query to the next
    /// as long as no DRBD instance is added, removed or renamed (Ganeti keeps them from the
    /// disk's creation; the simulator does not store them).
    /// </summary>
    private static Dictionary<Disk, Drbd> DrbdLayout(ClusterState state)
    {
        var layout = new Dictionary<Disk, Drbd>(ReferenceEqualityComparer.Instance);
        var minors = new Dictionary<string, int>();
        int NextMinor(string node)
        {
            var minor = minors.GetValueOrDefault(node);
            minors[node] = minor + 1;
            return minor;
        }

        foreach (var instance in state.Instances.Values.Where(i => i.DiskTemplate == DiskTemplate.Drbd && i.SecondaryNodeUuids.Count > 0).OrderBy(i => i.Name, NiceSort.Instance))
        {
            foreach (var disk in instance.Disks)
            {
                layout[disk] = new Drbd(FirstDrbdPort + layout.Count, NextMinor(instance.PrimaryNodeUuid), NextMinor(instance.SecondaryNodeUuids[0]));
            }
        }

        return layout;
    }

    private readonly record struct Drbd(int Port, int PrimaryMinor, int SecondaryMinor);
}
