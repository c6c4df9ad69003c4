using Ganeti.Domain.Instances;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Tests;

/// <summary>The nodes' storage model, and the node and group opcodes' rules that the RAPI tests do not reach.</summary>
public sealed class NodeGroupOperationsTests
{
    private static Node NodeOf(ClusterState state, string shortName) => state.Nodes.Values.Single(n => n.Name.StartsWith(shortName + ".", StringComparison.Ordinal));

    [Fact]
    public void StorageModel_VolumeGroupUse_FillsPhysicalVolumesInOrder_DrbdOnBothNodes()
    {
        var state = DemoCluster.Create(DateTimeOffset.UnixEpoch);
        var node1 = NodeOf(state, "node1");
        var node2 = NodeOf(state, "node2");
        node1.Storage = new NodeStorage
        {
            PhysicalVolumes = [new PhysicalVolume { Name = "/dev/sdb", Size = 50_000 }, new PhysicalVolume { Name = "/dev/sdc", Size = 100_000 }],
            FileSystemSize = 10_000,
        };

        var model = StorageModel.Of(state);

        // node1 holds web1 (10240) and db1 (20480 + 51200) as primary, web2 (10240) as secondary: four DRBD disks with metadata.
        const long Used = 10240 + 20480 + 51200 + 10240 + (4 * StorageModel.DrbdMetadataSize);
        model.VolumeGroups(node1).Should().Equal(new StorageUnit("xenvg", 150_000, Used, 150_000 - Used, true));
        model.PhysicalVolumes(node1).Should().Equal(
            new StorageUnit("/dev/sdb", 50_000, 50_000, 0, true),
            new StorageUnit("/dev/sdc", 100_000, Used - 50_000, 150_000 - Used, true));
        model.VolumeGroups(node2).Single().Used.Should().Be(Used, "node2 holds the same DRBD disks");
        model.FileDirectory(node1, "file").Should().Be(new StorageUnit("/srv/ganeti/file-storage", 10_000, 0, 10_000, true));
        model.FileDirectory(node2, "file")!.Used.Should().Be(4096, "files1's disk is on node2");
        model.FreeSpaceFor(node1, DiskTemplate.Drbd).Should().Be(150_000 - Used);
        model.FreeSpaceFor(node1, DiskTemplate.Diskless).Should().BeNull();
        StorageModel.SpaceOnNode(DiskTemplate.Plain, 1024).Should().Be(1024);
    }

    [Fact]
    public void StorageModel_Allocatable_CountsOnlyAllocatableVolumes()
    {
        var state = DemoCluster.Create(DateTimeOffset.UnixEpoch);
        var node3 = NodeOf(state, "node3");
        node3.Storage = new NodeStorage
        {
            PhysicalVolumes = [new PhysicalVolume { Name = "/dev/sdb", Size = 1000 }, new PhysicalVolume { Name = "/dev/sdc", Size = 3000 }],
        };

        StorageModel.SetAllocatable(node3, "/dev/sdc", false).Should().BeTrue();
        StorageModel.SetAllocatable(node3, "/dev/sdz", false).Should().BeFalse();

        var model = StorageModel.Of(state);
        model.AllocatableFree(node3, "xenvg").Should().Be(1000);
        model.VolumeGroups(node3).Single().Free.Should().Be(4000, "vgs reports the whole group's free space");
        model.PhysicalVolumes(node3).Select(pv => pv.Allocatable).Should().Equal(true, false);
    }

    [Fact]
    public async Task ModifyStorage_OnlyAllocatableOfPhysicalVolumes()
    {
        await using var sim = new SimulatorFixture();

        var size = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_MODIFY_STORAGE", """{"node_name": "node1", "storage_type": "lvm-pv", "name": "/dev/sdb", "changes": {"size": 1, "allocatable": false}}"""));
        var offline = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_SET_PARAMS", """{"node_name": "node4", "offline": true}"""));
        var unreachable = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_MODIFY_STORAGE", """{"node_name": "node4", "storage_type": "lvm-pv", "name": "/dev/sdb", "changes": {"allocatable": false}}"""));
        var powercycle = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_POWERCYCLE", """{"node_name": "node4"}"""));

        size.Error.Should().Be("""["OpPrereqError",["The following fields can not be modified for storage units of type 'lvm-pv': ['size']","wrong_input"]]""");
        offline.Status.Should().Be("success", offline.Result?.ToJsonString());
        unreachable.Error.Should().Be("""["OpExecError",["Failed to modify storage unit '/dev/sdb' on node4.example.com: Node is marked offline"]]""");
        powercycle.Error.Should().Be("""["OpExecError",["Failed to schedule the reboot: Node is marked offline"]]""");
    }

    [Fact]
    public async Task AssignNodes_WithForce_WarnsAboutNewAndContinuingSplits_AndMovesTheNode()
    {
        await using var sim = new SimulatorFixture();

        var first = await sim.RunAsync(SimulatorJobs.Op("OP_GROUP_ASSIGN_NODES", """{"group_name": "group2", "nodes": ["node2"], "force": true}"""));
        var second = await sim.RunAsync(SimulatorJobs.Op("OP_GROUP_ASSIGN_NODES", """{"group_name": "group2", "nodes": ["node3"], "force": false}"""));
        var groups = await sim.Call("QueryNodes", new System.Text.Json.Nodes.JsonArray("node2", "node3"), new System.Text.Json.Nodes.JsonArray("name", "group"), false);

        first.Status.Should().Be("success", first.Result?.ToJsonString());
        first.Log.Should().Equal(" - WARNING: This operation will split the following instances: db1.example.com, web1.example.com, web2.example.com");
        first.Op["node_uuids"]!.AsArray().Should().ContainSingle();
        second.Status.Should().Be("success", "node3 holds no DRBD disks: nothing new is split");
        second.Log.Should().BeEmpty();
        groups!.ToJsonString().Should().Be("""[["node2.example.com","group2"],["node3.example.com","group2"]]""");

        var back = await sim.RunAsync(SimulatorJobs.Op("OP_GROUP_ASSIGN_NODES", """{"group_name": "default", "nodes": ["node2", "node3"]}"""));
        back.Status.Should().Be("success", "moving node2 back joins the split instances again");
    }

    [Fact]
    public async Task Migrate_InstancesOfTheNode_JobsCarryTheNodesOptions()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_MIGRATE", """{"node_name": "node4", "mode": "non-live", "target_node": "node3", "ignore_ipolicy": true}"""));

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        var jobs = job.Result!["jobs"]!.AsArray();
        jobs.Should().HaveCount(2, "node4 is the primary of cache1 and batch1");
        foreach (var entry in jobs)
        {
            var id = entry![1]!.GetValue<long>();
            (await sim.WaitForJobAsync(id)).Should().NotBeNull();
            var op = (await sim.Call("QueryJobs", new System.Text.Json.Nodes.JsonArray(id), new System.Text.Json.Nodes.JsonArray("ops")))![0]![0]![0]!;
            op["OP_ID"]!.GetValue<string>().Should().Be("OP_INSTANCE_MIGRATE");
            op["mode"]!.GetValue<string>().Should().Be("non-live");
            op["target_node"]!.GetValue<string>().Should().Be("node3.example.com", "the job keeps the target as the master expanded it, as Ganeti's does");
            op["ignore_ipolicy"]!.GetValue<bool>().Should().BeTrue();
        }
    }
}
