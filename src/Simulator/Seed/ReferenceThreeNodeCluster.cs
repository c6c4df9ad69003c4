using System.Text.Json.Nodes;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Seed;

/// <summary>
/// A copy of the three-node cluster that <c>scripts/real-ganeti/up3.sh</c> builds with the
/// real Ganeti: same names, addresses, node groups, instances, disk templates, tags and the
/// node figures its luxid reports. Differential tests that need several nodes run the same
/// scenario against both and compare the answers.
/// </summary>
public static class ReferenceThreeNodeCluster
{
    public const string Name = "reference3";

    /// <summary>The bridge every node has; the master netdev and the instances' NIC link.</summary>
    private const string Bridge = "br3";

    public static ClusterState Create(DateTimeOffset now)
    {
        var t = Timestamps.Seconds(now);
        var state = new ClusterState();
        var parameters = ClusterDefaults.Load();
        parameters["ipolicy"]!["disk-templates"] = new JsonArray("file", "sharedfile", "diskless");
        // up3.sh lowers the policy's minimum disk size so that the samples' 128 MiB disks fit.
        parameters["ipolicy"]!["minmax"]![0]!["min"]!["disk-size"] = 128;
        parameters["master_netdev"] = Bridge;
        parameters["nicparams"]!["default"]!["link"] = Bridge;
        state.Cluster = new ClusterConfig
        {
            Name = "cluster3.ganeti.test",
            MasterIp = "198.51.100.130",
            Parameters = parameters,
            EnabledDiskTemplates = ["diskless", "file", "sharedfile"],
            VolumeGroupName = null,
            DrbdUsermodeHelper = null,
            Ctime = t,
            Mtime = t,
            Tags = ["env:test3"],
        };

        // Debian's ganeti-os-noop, the only OS of the real test cluster.
        state.OperatingSystems = [new OsDefinition { Name = "noop", ApiVersions = [5, 10] }];

        var groupDefault = AddGroup(state, "default", t);
        var group2 = AddGroup(state, "group2", t);
        var n1 = AddNode(state, "n1", "198.51.100.31", groupDefault, t);
        var n2 = AddNode(state, "n2", "198.51.100.32", groupDefault, t);
        var n3 = AddNode(state, "n3", "198.51.100.33", group2, t);
        state.Cluster.MasterNodeUuid = n1.Uuid;

        var random = new Random(15081);
        AddInstance(state, random, t, "inst1", n1, DiskTemplate.SharedFile, [128], running: true);
        AddInstance(state, random, t, "inst2", n2, DiskTemplate.Diskless, [], running: true);
        AddInstance(state, random, t, "inst3", n1, DiskTemplate.File, [128], running: false);
        AddInstance(state, random, t, "inst4", n3, DiskTemplate.Diskless, [], running: true);
        return state;
    }

    private static NodeGroup AddGroup(ClusterState state, string name, double t)
    {
        var group = new NodeGroup { Name = name, Ctime = t, Mtime = t };
        state.Groups[group.Uuid] = group;
        return group;
    }

    /// <summary>A node as the real one reports itself: the fake hypervisor shows the host's memory and CPUs, file storage the host's file system.</summary>
    private static Node AddNode(ClusterState state, string shortName, string ip, NodeGroup group, double t)
    {
        var node = new Node
        {
            Name = $"{shortName}.ganeti3.test",
            PrimaryIp = ip,
            SecondaryIp = ip,
            GroupUuid = group.Uuid,
            MasterCandidate = true,
            Ctime = t,
            Mtime = t,
            MemoryTotal = 24105,
            MemoryDom0 = 675,
            CpuTotal = 2,
            DiskTotal = 258019,
        };
        state.Nodes[node.Uuid] = node;
        return node;
    }

    private static void AddInstance(ClusterState state, Random random, double t, string shortName, Node primary, DiskTemplate template, long[] diskSizes, bool running)
    {
        var instance = new Instance
        {
            Name = $"{shortName}.ganeti3.test",
            PrimaryNodeUuid = primary.Uuid,
            DiskTemplate = template,
            AdminState = running ? AdminState.Up : AdminState.Down,
            Running = running,
            Disks = [.. diskSizes.Select(size => new Disk { Size = size })],
            Nics = [new Nic { Mac = DemoCluster.RandomMac(random), Link = Bridge }],
            Beparams = new JsonObject { ["minmem"] = 128, ["maxmem"] = 128, ["vcpus"] = 1 },
            Ctime = t,
            Mtime = t,
        };
        state.Instances[instance.Uuid] = instance;
    }
}
