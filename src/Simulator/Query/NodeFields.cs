using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Node query fields (Ganeti's Query/Node.hs). Live values (memory, disk, CPUs, boot id) come
/// from the simulated hardware and are RS_OFFLINE for offline nodes.
/// </summary>
public static class NodeFields
{
    private const string RoleDoc =
        "Node role; \"M\" for master, \"C\" for master candidate, \"R\" for regular, \"D\" for drained, \"O\" for offline";

    public static FieldTable<Node> Create(ClusterState state)
    {
        var cluster = state.Cluster;
        var ndShape = new ParamShape();
        var index = new Lazy<NodeInstanceIndex>(() => NodeInstanceIndex.Build(state));
        var storage = new Lazy<StorageModel>(() => StorageModel.Of(state));
        FieldValue Storage(Node n, Func<StorageUnit, long> value) =>
            Live(n, () => storage.Value.DefaultUnit(n) is { } unit ? value(unit) : FieldValue.NoData);
        MergedParams Ndparams(Node n) =>
            new([cluster.Defaults("ndparams"), state.Groups.TryGetValue(n.GroupUuid, out var g) ? g.Ndparams : null, n.Ndparams], ndShape);
        FieldValue Live(Node n, Func<FieldValue> value) => n.Offline ? FieldValue.Offline : value();
        bool ExclusiveStorage(Node n) => Ndparams(n).Get("exclusive_storage") is JsonValue v && v.TryGetValue<bool>(out var on) && on;

        var f = new FieldList<Node>
        {
            { "drained", "Drained", FieldKind.Bool, "Whether node is drained", n => n.Drained },
            { "master_candidate", "MasterC", FieldKind.Bool, "Whether node is a master candidate", n => n.MasterCandidate },
            { "master_capable", "MasterCapable", FieldKind.Bool, "Whether node can become a master candidate", n => n.MasterCapable },
            { "name", "Node", FieldKind.Text, "Node name", n => n.Name, FilterMode.Hostname },
            { "offline", "Offline", FieldKind.Bool, "Whether node is marked offline", n => n.Offline },
            { "vm_capable", "VMCapable", FieldKind.Bool, "Whether node can host instances", n => n.VmCapable },
            { "pip", "PrimaryIP", FieldKind.Text, "Primary IP address", n => n.PrimaryIp },
            { "sip", "SecondaryIP", FieldKind.Text, "Secondary IP address", n => n.SecondaryIp },
            { "master", "IsMaster", FieldKind.Bool, "Whether node is master", n => n.Uuid == cluster.MasterNodeUuid },
            { "group", "Group", FieldKind.Text, "Node group", n => state.Groups.TryGetValue(n.GroupUuid, out var g) ? g.Name : FieldValue.NoData },
            { "group.uuid", "GroupUUID", FieldKind.Text, "UUID of node group", n => n.GroupUuid },
            { "ndparams", "NodeParameters", FieldKind.Other, "Merged node parameters", n => FieldValue.Custom(Ndparams(n)) },
            { "custom_ndparams", "CustomNodeParameters", FieldKind.Other, "Custom node parameters", n => n.Ndparams },
            { "pinst_cnt", "Pinst", FieldKind.Number, "Number of instances with this node as primary", n => index.Value.Of(n).Primaries.Count },
            { "sinst_cnt", "Sinst", FieldKind.Number, "Number of instances with this node as secondary", n => index.Value.Of(n).Secondaries.Count },
            { "pinst_list", "PriInstances", FieldKind.Other, "List of instances with this node as primary", n => FieldValue.List(index.Value.Of(n).PrimaryNames(), s => s) },
            { "sinst_list", "SecInstances", FieldKind.Other, "List of instances with this node as secondary", n => FieldValue.List(index.Value.Of(n).SecondaryNames(), s => s) },
            { "role", "Role", FieldKind.Text, RoleDoc, n => Role(n, cluster).ToCode().ToString() },
            { "powered", "Powered", FieldKind.Bool, "Whether node is thought to be powered on", n => Ndparams(n).Get("oob_program") is JsonValue oob && oob.TryGetValue<string>(out var program) && program.Length > 0 ? n.Powered : FieldValue.Unavailable },
            { "hv_state", "HypervisorState", FieldKind.Other, "Hypervisor state", _ => FieldValue.Unavailable },
            { "disk_state", "DiskState", FieldKind.Other, "Disk state", _ => FieldValue.Unavailable },
            { "bootid", "BootID", FieldKind.Text, "Random UUID renewed for each system reboot, can be used for detecting reboots by tracking changes", n => Live(n, () => BootId(n)) },
            { "cnodes", "CNodes", FieldKind.Number, "Number of NUMA domains on node (if exported by hypervisor)", n => Live(n, () => 1) },
            { "cnos", "CNOs", FieldKind.Number, "Number of logical processors used by the node OS (dom0 for Xen)", n => Live(n, () => n.CpuTotal) },
            { "csockets", "CSockets", FieldKind.Number, "Number of physical CPU sockets (if exported by hypervisor)", n => Live(n, () => n.CpuSockets) },
            { "ctotal", "CTotal", FieldKind.Number, "Number of logical processors", n => Live(n, () => n.CpuTotal) },
            { "dfree", "DFree", FieldKind.Unit, "Available storage space on storage unit", n => Storage(n, u => u.Free) },
            { "dtotal", "DTotal", FieldKind.Unit, "Total storage space on storage unit for instance disk allocation", n => Storage(n, u => u.Size) },
            { "spfree", "SpFree", FieldKind.Number, "Available spindles in volume group (exclusive storage only)",
                n => Live(n, () => ExclusiveStorage(n) ? SpindleTotal(Ndparams(n)) - index.Value.Of(n).SpindlesUsed : FieldValue.NoData) },
            { "sptotal", "SpTotal", FieldKind.Number, "Total spindles in volume group (exclusive storage only)",
                n => Live(n, () => ExclusiveStorage(n) ? SpindleTotal(Ndparams(n)) : FieldValue.NoData) },
            { "mfree", "MFree", FieldKind.Unit, "Memory available for instance allocations", n => Live(n, () => FreeMemory(n, index.Value.Of(n).MemoryUsed)) },
            { "mnode", "MNode", FieldKind.Unit, "Amount of memory used by node (dom0 for Xen)", n => Live(n, () => n.MemoryDom0) },
            { "mtotal", "MTotal", FieldKind.Unit, "Total amount of memory of physical machine", n => Live(n, () => n.MemoryTotal) },
        };
        f.AddParameterFields("ndp", "node", ParameterFields.Node, key => n => FieldValue.OrNoData(Ndparams(n).Get(key)));
        f.AddTimestamps();
        f.Add("uuid", "UUID", FieldKind.Text, "Node UUID", n => n.Uuid);
        f.Add("serial_no", "SerialNo", FieldKind.Number, "Node object serial number, incremented on each modification", n => n.SerialNo);
        f.Add("tags", "Tags", FieldKind.Other, "Tags", n => CommonFields.SortedTags(n.Tags));
        return f.ToTable();
    }

    /// <summary>Every node, nicely sorted by name; looked up by name like luxid when the filter names them.</summary>
    public static QuerySource<Node> Source(ClusterState state) =>
        QuerySource<Node>.Named(
            Create(state),
            () => NiceOrder.Of(state.Nodes, n => n.Name),
            name => ObjectLookup.ByName("Node", state.Nodes.Values, name, n => n.Name))
        .InParallel(() => Create(state));

    public static NodeRole Role(Node n, ClusterConfig cluster) =>
        NodeRoles.FromFlags(n.Uuid == cluster.MasterNodeUuid, n.MasterCandidate, n.Drained, n.Offline);

    /// <summary>The memory an instance takes on its primary node while it runs: its maxmem, or the cluster's default.</summary>
    public static long InstanceMemory(Instance instance, JsonObject? beDefaults) =>
        JsonNumbers.Int64(instance.Beparams["maxmem"] ?? beDefaults?["maxmem"]);

    /// <summary>The cluster's default backend parameters.</summary>
    public static JsonObject? BeDefaults(ClusterState state) => state.Cluster.Defaults("beparams")?["default"] as JsonObject;

    /// <summary>Memory left for instances on a node (<c>mfree</c>): the total, less dom0's, less what its running primary instances take.</summary>
    public static long FreeMemory(ClusterState state, Node node)
    {
        var beDefaults = BeDefaults(state);
        return FreeMemory(node, state.Instances.Values.Where(i => i.Running && i.PrimaryNodeUuid == node.Uuid).Sum(i => InstanceMemory(i, beDefaults)));
    }

    private static long FreeMemory(Node node, long usedByInstances) => node.MemoryTotal - node.MemoryDom0 - usedByInstances;

    private static long SpindleTotal(MergedParams ndparams) => JsonNumbers.Int64(ndparams.Get("spindle_count"));

    /// <summary>A stable stand-in for the random boot id a real node reports.</summary>
    private static string BootId(Node n)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("boot:" + n.Uuid));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>
    /// The instances of every node, computed once per query (not once per node) so node
    /// queries stay linear in the number of instances.
    /// </summary>
    private sealed class NodeInstanceIndex
    {
        private static readonly NodeInstances Empty = new();
        private readonly Dictionary<string, NodeInstances> _byNode = [];

        public static NodeInstanceIndex Build(ClusterState state)
        {
            var index = new NodeInstanceIndex();
            var beDefaults = BeDefaults(state);
            foreach (var instance in state.Instances.Values)
            {
                var primary = index.Get(instance.PrimaryNodeUuid);
                primary.Primaries.Add(instance);
                primary.SpindlesUsed += instance.Disks.Sum(d => d.Spindles ?? 0);
                if (instance.Running)
                {
                    primary.MemoryUsed += InstanceMemory(instance, beDefaults);
                }

                foreach (var uuid in instance.SecondaryNodeUuids)
                {
                    var secondary = index.Get(uuid);
                    secondary.Secondaries.Add(instance);
                    if (instance.DiskTemplate is not DiskTemplate.File and not DiskTemplate.Diskless)
                    {
                        secondary.SpindlesUsed += instance.Disks.Sum(d => d.Spindles ?? 0);
                    }
                }
            }

            return index;
        }

        public NodeInstances Of(Node node) => _byNode.TryGetValue(node.Uuid, out var found) ? found : Empty;

        private NodeInstances Get(string uuid)
        {
            if (!_byNode.TryGetValue(uuid, out var found))
            {
                found = new NodeInstances();
                _byNode[uuid] = found;
            }

            return found;
        }
    }

    private sealed class NodeInstances
    {
        private string[]? _primaryNames;
        private string[]? _secondaryNames;

        public List<Instance> Primaries { get; } = [];

        public List<Instance> Secondaries { get; } = [];

        public long MemoryUsed { get; set; }

        public long SpindlesUsed { get; set; }

        public string[] PrimaryNames() => _primaryNames ??= [.. Primaries.Select(i => i.Name).Order(NiceSort.Instance)];

        public string[] SecondaryNames() => _secondaryNames ??= [.. Secondaries.Select(i => i.Name).Order(NiceSort.Instance)];
    }
}
