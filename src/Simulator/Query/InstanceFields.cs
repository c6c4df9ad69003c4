using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>Instance query fields, computed from the config and the simulated hypervisor state.</summary>
public static class InstanceFields
{
    /// <summary>DRBD keeps 128 MiB of metadata per disk.</summary>
    public const long DrbdMetaSize = 128;

    public static FieldTable<Instance> Create(ClusterState state)
    {
        var cluster = state.Cluster;
        Node Pnode(Instance i) => state.Nodes[i.PrimaryNodeUuid];
        bool NodeDown(Instance i) => Pnode(i).Offline;
        JsonNode? Live(Instance i, Func<JsonNode?> value) => NodeDown(i) ? null : value();
        JsonObject FilledBe(Instance i) => Merge(cluster.Defaults("beparams")?["default"] as JsonObject, i.Beparams);
        JsonObject FilledHv(Instance i) =>
            i.Hypervisor == "fake" ? (JsonObject)i.Hvparams.DeepClone() : Merge(cluster.Defaults("hvparams")?[i.Hypervisor] as JsonObject, i.Hvparams);
        string? NetworkName(Nic n) => n.NetworkUuid is not null && state.Networks.TryGetValue(n.NetworkUuid, out var net) ? net.Name : null;

        var fields = new Dictionary<string, Func<Instance, JsonNode?>>
        {
            ["name"] = i => i.Name,
            ["uuid"] = i => i.Uuid,
            ["admin_state"] = i => WireNames<AdminState>.ToWire(i.AdminState),
            ["admin_up"] = i => i.AdminState == AdminState.Up,
            ["os"] = i => i.Os,
            ["hypervisor"] = i => i.Hypervisor,
            ["pnode"] = i => Pnode(i).Name,
            ["pnode.group"] = i => state.Groups[Pnode(i).GroupUuid].Name,
            ["pnode.group.uuid"] = i => Pnode(i).GroupUuid,
            ["snodes"] = i => Json.Strings(i.SecondaryNodeUuids.Select(state.NodeName)),
            ["snodes.group"] = i => Json.Strings(i.SecondaryNodeUuids.Select(u => state.Groups[state.Nodes[u].GroupUuid].Name)),
            ["snodes.group.uuid"] = i => Json.Strings(i.SecondaryNodeUuids.Select(u => state.Nodes[u].GroupUuid)),
            ["disk_template"] = i => WireNames<DiskTemplate>.ToWire(i.DiskTemplate),
            ["nic.ips"] = i => Json.Strings(i.Nics.Select(n => n.Ip)),
            ["nic.macs"] = i => Json.Strings(i.Nics.Select(n => n.Mac)),
            ["nic.modes"] = i => Json.Strings(i.Nics.Select(n => n.Mode)),
            ["nic.uuids"] = i => Json.Strings(i.Nics.Select(n => n.Uuid)),
            ["nic.names"] = i => Json.Strings(i.Nics.Select(n => n.Name)),
            ["nic.links"] = i => Json.Strings(i.Nics.Select(n => n.Link)),
            ["nic.vlans"] = i => Json.Strings(i.Nics.Select(n => n.Vlan)),
            ["nic.networks"] = i => Json.Strings(i.Nics.Select(n => n.NetworkUuid)),
            ["nic.networks.names"] = i => Json.Strings(i.Nics.Select(NetworkName)),
            ["nic.bridges"] = i => Json.Strings(i.Nics.Select(n => n.Mode == "bridged" ? n.Link : null)),
            ["nic.count"] = i => i.Nics.Count,
            ["network_port"] = i => i.NetworkPort,
            ["disk.sizes"] = i => Json.Of(i.Disks, d => d.Size),
            ["disk.spindles"] = i => Json.Of(i.Disks, d => d.Spindles),
            ["disk.uuids"] = i => Json.Strings(i.Disks.Select(d => d.Uuid)),
            ["disk.names"] = i => Json.Strings(i.Disks.Select(d => d.Name)),
            ["disk.count"] = i => i.Disks.Count,
            ["disk_usage"] = i => DiskUsage(i),
            ["beparams"] = FilledBe,
            ["hvparams"] = FilledHv,
            ["osparams"] = i => (JsonObject)i.Osparams.DeepClone(),
            ["custom_beparams"] = i => (JsonObject)i.Beparams.DeepClone(),
            ["custom_hvparams"] = i => (JsonObject)i.Hvparams.DeepClone(),
            ["custom_osparams"] = i => (JsonObject)i.Osparams.DeepClone(),
            ["custom_nicparams"] = i => Json.Of(i.Nics, _ => new JsonObject()),
            ["be/maxmem"] = i => FilledBe(i)["maxmem"]?.DeepClone(),
            ["be/minmem"] = i => FilledBe(i)["minmem"]?.DeepClone(),
            ["be/vcpus"] = i => FilledBe(i)["vcpus"]?.DeepClone(),
            ["be/auto_balance"] = i => FilledBe(i)["auto_balance"]?.DeepClone(),
            ["be/spindle_use"] = i => FilledBe(i)["spindle_use"]?.DeepClone(),
            ["oper_state"] = i => Live(i, () => i.Running),
            ["oper_ram"] = i => Live(i, () => i.Running ? FilledBe(i)["maxmem"]?.DeepClone() : null),
            ["oper_vcpus"] = i => Live(i, () => i.Running ? FilledBe(i)["vcpus"]?.DeepClone() : null),
            ["status"] = i => WireNames<InstanceStatus>.ToWire(Status(i, Pnode(i))),
            ["console"] = i => null,
            ["ctime"] = i => i.Ctime,
            ["mtime"] = i => i.Mtime,
            ["serial_no"] = i => i.SerialNo,
            ["tags"] = i => Json.Strings(i.Tags),
        };
        return new FieldTable<Instance>(fields);

        static JsonObject Merge(JsonObject? defaults, JsonObject custom)
        {
            var merged = defaults?.DeepClone().AsObject() ?? [];
            foreach (var (key, value) in custom)
            {
                merged[key] = value?.DeepClone();
            }

            return merged;
        }
    }

    public static long DiskUsage(Instance i) => i.DiskTemplate switch
    {
        DiskTemplate.Diskless => 0,
        DiskTemplate.Drbd => i.Disks.Sum(d => d.Size + DrbdMetaSize),
        DiskTemplate.Plain or DiskTemplate.File or DiskTemplate.SharedFile or DiskTemplate.Gluster => i.Disks.Sum(d => d.Size),
        _ => 0,
    };

    public static InstanceStatus Status(Instance i, Node primary)
    {
        if (primary.Offline)
        {
            return InstanceStatus.ErrorNodeOffline;
        }

        return (i.AdminState, i.Running) switch
        {
            (AdminState.Up, true) => InstanceStatus.Running,
            (AdminState.Up, false) => InstanceStatus.ErrorDown,
            (AdminState.Offline, _) => InstanceStatus.AdminOffline,
            (_, true) => InstanceStatus.ErrorUp,
            _ => InstanceStatus.AdminDown,
        };
    }
}
