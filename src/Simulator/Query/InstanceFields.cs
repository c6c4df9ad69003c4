using System.Globalization;
using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Instance query fields (Ganeti's Query/Instance.hs names, titles and value rules), computed
/// from the config and the simulated hypervisor state. Live fields of an instance whose
/// primary node is offline are RS_OFFLINE (oper_state: RS_NODATA); those of a stopped
/// instance are RS_UNAVAIL.
/// </summary>
public static class InstanceFields
{
    /// <summary>DRBD keeps 128 MiB of metadata per disk.</summary>
    public const long DrbdMetaSize = 128;

    public const int MaxDisks = 16;

    public const int MaxNics = 8;

    private const string StatusDoc =
        "Instance status; \"running\" if instance is set to be running and actually is, \"ADMIN_down\" if instance is stopped and is not running, "
        + "\"ERROR_wrongnode\" if instance running, but not on its designated primary node, \"ERROR_up\" if instance should be stopped, but is actually running, "
        + "\"ERROR_down\" if instance should run, but doesn't, \"ERROR_nodedown\" if instance's primary node is down, "
        + "\"ERROR_nodeoffline\" if instance's primary node is marked offline, \"ADMIN_offline\" if instance is offline and does not use dynamic resources";

    private const string NicListDoc = "List containing each network interface's ";

    private static readonly JsonObject EmptyObject = [];

    public static FieldTable<Instance> Create(ClusterState state)
    {
        var cluster = state.Cluster;
        var beShape = new ParamShape();
        var hvShape = new ParamShape(sorted: true, excluded: ParameterFields.HypervisorGlobals);
        var osShape = new ParamShape(sorted: true);
        var beDefaults = cluster.Defaults("beparams")?["default"] as JsonObject;
        var hvDefaults = new Dictionary<(string Hypervisor, string Os), JsonObject>();
        var pnode = new RowMemo<Instance, Node>(i => state.Nodes[i.PrimaryNodeUuid]);
        var filledBe = new RowMemo<Instance, MergedParams>(i => new([beDefaults, i.Beparams], beShape));
        var filledHv = new RowMemo<Instance, MergedParams>(i => new([HvDefaults(i), i.Hvparams], hvShape));
        var filledOs = new RowMemo<Instance, MergedParams>(i => new([cluster.Defaults("osparams")?[OsBaseName(i.Os)] as JsonObject, i.Osparams], osShape));
        Node Pnode(Instance i) => pnode.Get(i);
        NodeGroup GroupOf(Node n) => state.Groups[n.GroupUuid];
        MergedParams FilledBe(Instance i) => filledBe.Get(i);
        MergedParams FilledHv(Instance i) => filledHv.Get(i);
        MergedParams FilledOs(Instance i) => filledOs.Get(i);

        // The cluster's and the OS's hypervisor defaults, merged once per query (without the global parameters).
        JsonObject HvDefaults(Instance i)
        {
            if (!hvDefaults.TryGetValue((i.Hypervisor, i.Os), out var merged))
            {
                merged = [];
                foreach (var layer in new[] { cluster.Defaults("hvparams")?[i.Hypervisor] as JsonObject, cluster.Defaults("os_hvp")?[i.Os]?[i.Hypervisor] as JsonObject })
                {
                    foreach (var (key, value) in layer ?? [])
                    {
                        if (!ParameterFields.HypervisorGlobals.Contains(key))
                        {
                            merged[key] = value?.DeepClone();
                        }
                    }
                }

                hvDefaults[(i.Hypervisor, i.Os)] = merged;
            }

            return merged;
        }
        string? NetworkName(string? uuid) => uuid is not null && state.Networks.TryGetValue(uuid, out var net) ? net.Name : null;

        // Live data: RS_OFFLINE when the primary node is offline, RS_UNAVAIL when the instance is not running.
        FieldValue Live(Instance i, string beKey) =>
            Pnode(i).Offline ? FieldValue.Offline : i.Running ? FieldValue.OrNoData(FilledBe(i).Lookup(beKey)) : FieldValue.Unavailable;

        // Made once per table rather than once per row.
        Func<string, FieldValue> nodeName = u => state.NodeName(u);
        Func<string, FieldValue> nodeGroupName = u => GroupOf(state.Nodes[u]).Name;
        Func<string, FieldValue> nodeGroupUuid = u => state.Nodes[u].GroupUuid;
        Func<Nic, FieldValue> nicNetworkName = n => NetworkName(n.NetworkUuid);

        var f = new FieldList<Instance>
        {
            { "admin_state", "InstanceState", FieldKind.Text, "Desired state of instance", i => WireNames<AdminState>.ToWire(i.AdminState) },
            { "admin_state_source", "InstanceStateSource", FieldKind.Text, "Who last changed the desired state of the instance", i => i.AdminStateSource },
            { "admin_up", "Autostart", FieldKind.Bool, "Desired state of instance", i => i.AdminState == AdminState.Up },
            { "disks_active", "DisksActive", FieldKind.Bool, "Desired state of instance disks", i => i.DisksActive },
            { "name", "Instance", FieldKind.Text, "Instance name", i => i.Name, FilterMode.Hostname },
            { "hypervisor", "Hypervisor", FieldKind.Text, "Hypervisor name", i => i.Hypervisor },
            { "network_port", "Network_port", FieldKind.Other, "Instance network port if available (e.g. for VNC console)", i => FieldValue.OrUnavailable(i.NetworkPort) },
            { "os", "OS", FieldKind.Text, "Operating system", i => i.Os },
            { "pnode", "Primary_node", FieldKind.Text, "Primary node", i => Pnode(i).Name, FilterMode.Hostname },
            { "pnode.group", "PrimaryNodeGroup", FieldKind.Text, "Primary node's group", i => GroupOf(Pnode(i)).Name },
            { "pnode.group.uuid", "PrimaryNodeGroupUUID", FieldKind.Text, "Primary node's group UUID", i => Pnode(i).GroupUuid },
            { "snodes", "Secondary_Nodes", FieldKind.Other, "Secondary nodes; usually this will just be one node", i => FieldValue.List(i.SecondaryNodeUuids, nodeName) },
            { "snodes.group", "SecondaryNodesGroups", FieldKind.Other, "Node groups of secondary nodes", i => FieldValue.List(i.SecondaryNodeUuids, nodeGroupName) },
            { "snodes.group.uuid", "SecondaryNodesGroupsUUID", FieldKind.Other, "Node group UUIDs of secondary nodes", i => FieldValue.List(i.SecondaryNodeUuids, nodeGroupUuid) },
            { "hvparams", "HypervisorParameters", FieldKind.Other, "Hypervisor parameters (merged)", i => FieldValue.Custom(FilledHv(i)) },
            { "beparams", "BackendParameters", FieldKind.Other, "Backend parameters (merged)", i => FieldValue.Custom(FilledBe(i)) },
            { "osparams", "OpSysParameters", FieldKind.Other, "Operating system parameters (merged)", i => FieldValue.Custom(FilledOs(i)) },
            { "custom_hvparams", "CustomHypervisorParameters", FieldKind.Other, "Custom hypervisor parameters", i => i.Hvparams },
            { "custom_beparams", "CustomBackendParameters", FieldKind.Other, "Custom backend parameters", i => i.Beparams },
            { "custom_osparams", "CustomOpSysParameters", FieldKind.Other, "Custom operating system parameters", i => i.Osparams },
            { "custom_nicparams", "CustomNicParameters", FieldKind.Other, "Custom network interface parameters", i => FieldValue.List(i.Nics, _ => FieldValue.FromNode(EmptyObject)) },
        };

        f.AddParameterFields("be", "backend", ParameterFields.Backend, key => i => FieldValue.OrNoData(filledBe.Get(i).Lookup(key)));
        f.AddParameterFields(
            "hv",
            "hypervisor",
            ParameterFields.Hypervisor,
            key => i => filledHv.Get(i).Lookup(key) is { } value ? value : FieldValue.Unavailable,
            new FieldFamily<Instance>("hv", i => filledHv.Get(i).SharedKey));

        f.Add("disk_usage", "DiskUsage", FieldKind.Unit,
            "Total disk space used by instance on each of its nodes; this is not the disk size visible to the instance, but the usage on the node", i => DiskUsage(i));
        f.Add("disk.count", "Disks", FieldKind.Number, "Number of disks", i => i.Disks.Count);
        f.Add("disk.sizes", "Disk_sizes", FieldKind.Other, "List of disk sizes", i => FieldValue.List(i.Disks, d => d.Size));
        f.Add("disk.spindles", "Disk_spindles", FieldKind.Other, "List of disk spindles", i => FieldValue.List(i.Disks, d => d.Spindles is { } s ? s : FieldValue.Null));
        f.Add("disk.names", "Disk_names", FieldKind.Other, "List of disk names", i => FieldValue.List(i.Disks, d => d.Name));
        f.Add("disk.uuids", "Disk_UUIDs", FieldKind.Other, "List of disk UUIDs", i => FieldValue.List(i.Disks, d => d.Uuid));
        f.Add("disk_template", "Disk_template", FieldKind.Text, "Instance disk template", i => WireNames<DiskTemplate>.ToWire(i.DiskTemplate));
        for (var n = 0; n < MaxDisks; n++)
        {
            var index = n;
            var ordinal = Ordinal(index + 1);
            f.AddSlot("disk.size", index, $"Disk/{index}", FieldKind.Unit, $"Disk size of {ordinal} disk", DiskCount,
                i => i.Disks[index].Size);
            f.AddSlot("disk.spindles", index, $"DiskSpindles/{index}", FieldKind.Number, $"Spindles of {ordinal} disk", DiskCount,
                i => FieldValue.OrUnavailable(i.Disks[index].Spindles));
            f.AddSlot("disk.name", index, $"DiskName/{index}", FieldKind.Text, $"Name of {ordinal} disk", DiskCount,
                i => FieldValue.OrUnavailable(i.Disks[index].Name));
            f.AddSlot("disk.uuid", index, $"DiskUUID/{index}", FieldKind.Text, $"UUID of {ordinal} disk", DiskCount,
                i => i.Disks[index].Uuid);
        }

        f.Add("nic.count", "NICs", FieldKind.Number, "Number of network interfaces", i => i.Nics.Count);
        f.Add("nic.macs", "NIC_MACs", FieldKind.Other, NicListDoc + "MAC address", i => FieldValue.List(i.Nics, n => n.Mac));
        f.Add("nic.ips", "NIC_IPs", FieldKind.Other, NicListDoc + "IP address", i => FieldValue.List(i.Nics, n => n.Ip));
        f.Add("nic.names", "NIC_Names", FieldKind.Other, NicListDoc + "name", i => FieldValue.List(i.Nics, n => n.Name));
        f.Add("nic.uuids", "NIC_UUIDs", FieldKind.Other, NicListDoc + "UUID", i => FieldValue.List(i.Nics, n => n.Uuid));
        f.Add("nic.modes", "NIC_modes", FieldKind.Other, NicListDoc + "mode", i => FieldValue.List(i.Nics, n => n.Mode));
        f.Add("nic.vlans", "NIC_VLANs", FieldKind.Other, NicListDoc + "VLAN", i => FieldValue.List(i.Nics, n => Vlan(n)));
        f.Add("nic.bridges", "NIC_bridges", FieldKind.Other, NicListDoc + "bridge", i => FieldValue.List(i.Nics, n => Bridge(n)));
        f.Add("nic.links", "NIC_links", FieldKind.Other, NicListDoc + "link", i => FieldValue.List(i.Nics, n => n.Link));
        f.Add("nic.networks", "NIC_networks", FieldKind.Other, "List containing each interface's network", i => FieldValue.List(i.Nics, n => n.NetworkUuid));
        f.Add("nic.networks.names", "NIC_networks_names", FieldKind.Other, "List containing the name of each interface's network",
            i => FieldValue.List(i.Nics, nicNetworkName));
        for (var n = 0; n < MaxNics; n++)
        {
            var index = n;
            var suffix = $" of {Ordinal(index + 1)} network interface";
            f.AddSlot("nic.ip", index, $"NicIP/{index}", FieldKind.Text, "IP address" + suffix, NicCount,
                i => FieldValue.OrUnavailable(i.Nics[index].Ip));
            f.AddSlot("nic.uuid", index, $"NicUUID/{index}", FieldKind.Text, "UUID address" + suffix, NicCount,
                i => i.Nics[index].Uuid);
            f.AddSlot("nic.mac", index, $"NicMAC/{index}", FieldKind.Text, "MAC address" + suffix, NicCount,
                i => i.Nics[index].Mac);
            f.AddSlot("nic.name", index, $"NicName/{index}", FieldKind.Text, "Name address" + suffix, NicCount,
                i => FieldValue.OrUnavailable(i.Nics[index].Name));
            f.AddSlot("nic.network", index, $"NicNetwork/{index}", FieldKind.Text, "Network" + suffix, NicCount,
                i => FieldValue.OrUnavailable(i.Nics[index].NetworkUuid));
            f.AddSlot("nic.mode", index, $"NicMode/{index}", FieldKind.Text, "Mode" + suffix, NicCount,
                i => i.Nics[index].Mode);
            f.AddSlot("nic.link", index, $"NicLink/{index}", FieldKind.Text, "Link" + suffix, NicCount,
                i => i.Nics[index].Link);
            f.AddSlot("nic.vlan", index, $"NicVLAN/{index}", FieldKind.Text, "VLAN" + suffix, NicCount,
                i => FieldValue.OrUnavailable(Vlan(i.Nics[index])));
            f.AddSlot("nic.network.name", index, $"NicNetworkName/{index}", FieldKind.Text, "Network name" + suffix, NicCount,
                i => FieldValue.OrUnavailable(NetworkName(i.Nics[index].NetworkUuid)));
            f.AddSlot("nic.bridge", index, $"NicBridge/{index}", FieldKind.Text, "Bridge" + suffix, NicCount,
                i => FieldValue.OrUnavailable(Bridge(i.Nics[index])));
        }

        f.Add("status", "Status", FieldKind.Text, StatusDoc, i => WireNames<InstanceStatus>.ToWire(Status(i, Pnode(i))));
        f.Add("oper_state", "Running", FieldKind.Bool, "Actual state of instance", i => Pnode(i).Offline ? FieldValue.NoData : i.Running);
        f.Add("console", "Console", FieldKind.Other, "Instance console information",
            i => Pnode(i).Offline ? FieldValue.Offline : i.Running ? FieldValue.Custom(new ConsoleInfo(i)) : FieldValue.NoData);
        f.Add("oper_ram", "Memory", FieldKind.Unit, "Actual memory usage as seen by hypervisor", i => Live(i, "maxmem"));
        f.Add("oper_vcpus", "VCPUs", FieldKind.Number, "Actual number of VCPUs as seen by hypervisor", i => Live(i, "vcpus"));
        f.AddTimestamps();
        f.Add("serial_no", "SerialNo", FieldKind.Number, "Instance object serial number, incremented on each modification", i => i.SerialNo);
        f.Add("uuid", "UUID", FieldKind.Text, "Instance UUID", i => i.Uuid);
        f.Add("forthcoming", "Forthcoming", FieldKind.Bool, "whether the Instance is forthcoming", _ => false);
        f.Add("tags", "Tags", FieldKind.Other, "Tags", i => CommonFields.SortedTags(i.Tags));

        f.Alias("vcpus", "be/vcpus");
        f.Alias("be/memory", "be/maxmem");
        f.Alias("sda_size", "disk.size/0");
        f.Alias("sdb_size", "disk.size/1");
        f.Alias("ip", "nic.ip/0");
        f.Alias("mac", "nic.mac/0");
        f.Alias("bridge", "nic.bridge/0");
        f.Alias("nic_mode", "nic.mode/0");
        f.Alias("nic_link", "nic.link/0");
        f.Alias("nic_network", "nic.network/0");
        return f.ToTable();
    }

    /// <summary>Every instance, nicely sorted by name; looked up by name like luxid when the filter names them.</summary>
    public static QuerySource<Instance> Source(ClusterState state) =>
        QuerySource<Instance>.Named(
            Create(state),
            () => NiceOrder.Of(state.Instances, i => i.Name),
            name => ObjectLookup.ByName("Instance", state.Instances.Values, name, i => i.Name))
        .InParallel(() => Create(state));

    public static long DiskUsage(Instance i) => i.DiskTemplate switch
    {
        DiskTemplate.Diskless => 0,
        DiskTemplate.Drbd => i.Disks.Sum(d => d.Size + DrbdMetaSize),
        DiskTemplate.BlockDev => 0,
        _ => i.Disks.Sum(d => d.Size),
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

    /// <summary>"1st", "2nd", "3rd", "4th", …, "11th", "12th", "13th", "21st".</summary>
    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    private static string OsBaseName(string os)
    {
        var plus = os.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? os : os[..plus];
    }

    private static int DiskCount(Instance i) => i.Disks.Count;

    private static int NicCount(Instance i) => i.Nics.Count;

    private static string? Bridge(Nic nic) => nic.Mode == "bridged" ? nic.Link : null;

    private static string? Vlan(Nic nic) => nic.Mode == "openvswitch" ? nic.Vlan : null;

    /// <summary>How to reach the console; the simulated hypervisors offer none, like Ganeti's fake hypervisor.</summary>
    private sealed class ConsoleInfo(Instance instance) : IJsonWritable
    {
        public void WriteTo(QueryJsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("instance", instance.Name);
            writer.WriteString("kind", "msg");
            writer.WriteString("message", Message);
            writer.WriteEndObject();
        }

        public JsonNode? ToNode() => new JsonObject { ["instance"] = instance.Name, ["kind"] = "msg", ["message"] = Message };

        private string Message => $"Console not available for {instance.Hypervisor} hypervisor";
    }
}
