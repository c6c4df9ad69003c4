using System.Text.Json.Nodes;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Seed;

/// <summary>
/// A copy of the single-node cluster that <c>scripts/real-ganeti/up.sh</c> builds with the
/// real Ganeti: same names, addresses, instances, network and tags. Differential tests run
/// the same scenario against both and compare the answers.
/// </summary>
public static class ReferenceCluster
{
    public const string Name = "reference";

    public static ClusterState Create(DateTimeOffset now)
    {
        var t = Timestamps.Seconds(now);
        var state = new ClusterState();
        var parameters = ClusterDefaults.Load();
        parameters["ipolicy"]!["disk-templates"] = new JsonArray("file", "diskless");
        state.Cluster = new ClusterConfig
        {
            Name = "cluster.ganeti.test",
            MasterIp = "198.51.100.100",
            Parameters = parameters,
            EnabledDiskTemplates = ["diskless", "file"],
            VolumeGroupName = null,
            DrbdUsermodeHelper = null,
            Ctime = t,
            Mtime = t,
            Tags = ["env:test", "role:contract"],
        };

        // Debian's ganeti-os-noop, the only OS of the real test cluster.
        state.OperatingSystems = [new OsDefinition { Name = "noop", ApiVersions = [5, 10] }];

        var group = new NodeGroup { Name = "default", Ctime = t, Mtime = t };
        state.Groups[group.Uuid] = group;
        var node = new Node
        {
            Name = "node1.ganeti.test",
            PrimaryIp = "198.51.100.10",
            SecondaryIp = "198.51.100.10",
            GroupUuid = group.Uuid,
            MasterCandidate = true,
            Ctime = t,
            Mtime = t,
            Tags = ["rack:r1"],
            MemoryTotal = 24105,
            MemoryDom0 = 1072,
            CpuTotal = 2,
            DiskTotal = 258019,
        };
        state.Nodes[node.Uuid] = node;
        state.Cluster.MasterNodeUuid = node.Uuid;

        var network = new Network { Name = "net1", Subnet = "203.0.113.0/24", Gateway = "203.0.113.1", Ctime = t, Mtime = t };
        state.Networks[network.Uuid] = network;
        group.Networks[network.Uuid] = new JsonObject { ["mode"] = "bridged", ["link"] = "gntbr0", ["vlan"] = string.Empty };

        var random = new Random(15080);
        for (var n = 1; n <= 3; n++)
        {
            var running = n != 3;
            var instance = new Instance
            {
                Name = $"inst{n}.ganeti.test",
                PrimaryNodeUuid = node.Uuid,
                DiskTemplate = DiskTemplate.Diskless,
                AdminState = running ? AdminState.Up : AdminState.Down,
                Running = running,
                Nics = [new Nic { Mac = DemoCluster.RandomMac(random) }],
                Beparams = new JsonObject { ["minmem"] = 128, ["maxmem"] = 128, ["vcpus"] = 1 },
                Ctime = t,
                Mtime = t,
                Tags = n == 1 ? ["app:web"] : [],
            };
            state.Instances[instance.Uuid] = instance;
        }

        return state;
    }
}
