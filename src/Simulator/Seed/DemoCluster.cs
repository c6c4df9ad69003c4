using System.Globalization;
using System.Text.Json.Nodes;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Seed;

/// <summary>
/// The cluster a fresh data directory starts with: four nodes in two groups, DRBD, plain,
/// file and diskless instances, OS <c>noop</c>, tags on the cluster and on objects.
/// </summary>
public static class DemoCluster
{
    public const string Domain = "example.com";

    public static ClusterState Create(DateTimeOffset now)
    {
        var t = Timestamps.Seconds(now);
        var random = new Random(5080);
        var state = new ClusterState();
        var parameters = ClusterDefaults.Load();
        parameters["ipolicy"]!["disk-templates"] = new JsonArray("drbd", "plain", "file", "diskless");

        // node4 is alone in group2 with instances it could not hand to another node, so the
        // cluster is not globally N+1 redundant and hail's capacity checks would refuse every new
        // instance; operators of such clusters turn them off the same way.
        parameters["default_iallocator_params"] = new JsonObject { ["no-capacity-checks"] = null };
        state.Cluster = new ClusterConfig
        {
            Name = $"cluster.{Domain}",
            MasterIp = "192.0.2.10",
            Parameters = parameters,
            Ctime = t,
            Mtime = t,
            Tags = ["env:demo", "owner:ops"],
        };

        var groupDefault = AddGroup(state, "default", t);
        var group2 = AddGroup(state, "group2", t);
        group2.Tags.Add("site:b");

        var node1 = AddNode(state, "node1", "192.0.2.11", groupDefault, t, candidate: true);
        var node2 = AddNode(state, "node2", "192.0.2.12", groupDefault, t, candidate: true);
        var node3 = AddNode(state, "node3", "192.0.2.13", groupDefault, t, candidate: true);
        var node4 = AddNode(state, "node4", "192.0.2.14", group2, t, candidate: false);
        node1.Tags.Add("rack:r1");
        node2.Tags.Add("rack:r1");
        node3.Tags.Add("rack:r2");
        node4.Tags.Add("rack:r3");
        state.Cluster.MasterNodeUuid = node1.Uuid;

        var network = new Network { Name = "net1", Subnet = "198.51.100.0/24", Gateway = "198.51.100.1", Ctime = t, Mtime = t };
        state.Networks[network.Uuid] = network;
        groupDefault.Networks[network.Uuid] = new JsonObject { ["mode"] = "bridged", ["link"] = "gntbr0", ["vlan"] = string.Empty };

        AddInstance(state, random, t, "web1", DiskTemplate.Drbd, node1, node2, [10240], memory: 1024, vcpus: 1, running: true, tags: ["app:web", "tier:frontend"]);
        AddInstance(state, random, t, "web2", DiskTemplate.Drbd, node2, node1, [10240], memory: 1024, vcpus: 1, running: true, tags: ["app:web", "tier:frontend"]);
        AddInstance(state, random, t, "db1", DiskTemplate.Drbd, node1, node2, [20480, 51200], memory: 4096, vcpus: 4, running: true, tags: ["app:db"]);
        AddInstance(state, random, t, "files1", DiskTemplate.File, node2, null, [4096], memory: 512, vcpus: 1, running: true, tags: []);
        AddInstance(state, random, t, "cache1", DiskTemplate.Plain, node4, null, [2048], memory: 2048, vcpus: 2, running: true, tags: ["app:cache"]);
        AddInstance(state, random, t, "batch1", DiskTemplate.Diskless, node4, null, [], memory: 512, vcpus: 1, running: false, tags: []);
        return state;
    }

    /// <summary>
    /// Adds <paramref name="count"/> stopped diskless instances <c>bulkN.example.com</c> spread
    /// over the vm-capable nodes (for benchmarks and client load tests).
    /// </summary>
    public static void AddBulkInstances(ClusterState state, int count, DateTimeOffset now)
    {
        var t = Timestamps.Seconds(now);
        var random = new Random(count);
        var nodes = state.Nodes.Values.Where(n => n.VmCapable).OrderBy(n => n.Name, NiceSort.Instance).ToList();
        for (var i = 0; i < count; i++)
        {
            AddInstance(state, random, t, $"bulk{i}", DiskTemplate.Diskless, nodes[i % nodes.Count], null, [], memory: 256, vcpus: 1, running: false, tags: []);
        }
    }

    private static NodeGroup AddGroup(ClusterState state, string name, double t)
    {
        var group = new NodeGroup { Name = name, Ctime = t, Mtime = t };
        state.Groups[group.Uuid] = group;
        return group;
    }

    private static Node AddNode(ClusterState state, string shortName, string ip, NodeGroup group, double t, bool candidate)
    {
        var node = new Node
        {
            Name = $"{shortName}.{Domain}",
            PrimaryIp = ip,
            SecondaryIp = ip,
            GroupUuid = group.Uuid,
            MasterCandidate = candidate,
            Ctime = t,
            Mtime = t,
        };
        state.Nodes[node.Uuid] = node;
        return node;
    }

    private static void AddInstance(
        ClusterState state, Random random, double t, string shortName, DiskTemplate template, Node primary, Node? secondary,
        long[] diskSizes, int memory, int vcpus, bool running, string[] tags)
    {
        var instance = new Instance
        {
            Name = $"{shortName}.{Domain}",
            PrimaryNodeUuid = primary.Uuid,
            SecondaryNodeUuids = secondary is null ? [] : [secondary.Uuid],
            DiskTemplate = template,
            AdminState = running ? AdminState.Up : AdminState.Down,
            Running = running,
            Disks = [.. diskSizes.Select(size => new Disk { Size = size })],
            Nics = [new Nic { Mac = RandomMac(random) }],
            Beparams = new JsonObject { ["minmem"] = memory / 2, ["maxmem"] = memory, ["vcpus"] = vcpus },
            Ctime = t,
            Mtime = t,
            Tags = [.. tags],
        };
        state.Instances[instance.Uuid] = instance;
    }

    /// <summary>A MAC address in Ganeti's default <c>aa:00:00</c> prefix.</summary>
    internal static string RandomMac(Random random) =>
        "aa:00:00:" + string.Join(':', Enumerable.Range(0, 3).Select(_ => random.Next(256).ToString("x2", CultureInfo.InvariantCulture)));
}
