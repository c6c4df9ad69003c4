using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests;

/// <summary>OP_NODE_QUERY_STORAGE on the demo cluster, checked like Ganeti's LUNodeQueryStorage.</summary>
public sealed class NodeQueryStorageTests : IAsyncLifetime
{
    private static readonly string[] AllFields = ["name", "size", "used", "free", "allocatable", "node", "type"];

    private SimulatorFixture _sim = null!;

    public Task InitializeAsync()
    {
        _sim = new SimulatorFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private static JsonObject Query(string? type, string[] fields, params string[] nodes)
    {
        var op = new JsonObject
        {
            ["OP_ID"] = "OP_NODE_QUERY_STORAGE",
            ["reason"] = new JsonArray(),
            ["output_fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
        };
        if (type is not null)
        {
            op["storage_type"] = type;
        }

        if (nodes.Length > 0)
        {
            op["nodes"] = new JsonArray([.. nodes.Select(n => (JsonNode)n)]);
        }

        return op;
    }

    /// <summary>Every node's name, uuid, dtotal and dfree, as the node query reports them.</summary>
    private async Task<List<(string Name, string Uuid, long Total, long Free)>> Nodes() =>
        [.. (await _sim.Call("QueryNodes", new JsonArray(), new JsonArray("name", "uuid", "dtotal", "dfree"), false))!.AsArray()
            .Select(r => (r![0]!.GetValue<string>(), r[1]!.GetValue<string>(), r[2]!.GetValue<long>(), r[3]!.GetValue<long>()))];

    [Fact]
    public async Task FileStorage_OneRowPerNode_InTheOrderOfTheirUuids()
    {
        var nodes = await Nodes();

        var job = await _sim.RunAsync(Query("file", AllFields));

        job.Status.Should().Be("success");
        var rows = job.Result!.AsArray();
        rows.Select(r => r![5]!.GetValue<string>()).Should().Equal(
            nodes.OrderBy(n => n.Uuid, State.NiceSort.Instance).Select(n => n.Name), "Ganeti sorts the node uuids");
        foreach (var row in rows)
        {
            var node = nodes.Single(n => n.Name == row![5]!.GetValue<string>());
            var used = node.Name == "node2.example.com" ? 4096 : 0;
            row!.ToJsonString().Should().Be($"""["/srv/ganeti/file-storage",{node.Total},{used},{node.Total - used},true,"{node.Name}","file"]""", "the directory's file system is the node's disk; used is what the file disks take in it");
        }

        job.Op.Select(p => p.Key).Should().Equal("debug_level", "priority", "depends", "comment", "reason", "OP_ID", "output_fields", "storage_type", "nodes");
        job.Op["nodes"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task LvmStorage_VolumeGroupAndPhysicalVolume_FromTheNodesDisk()
    {
        var node = (await Nodes()).Single(n => n.Name == "node1.example.com");

        var vg = await _sim.RunAsync(Query("lvm-vg", ["name", "size", "used", "free", "allocatable"], "node1"));
        var pv = await _sim.RunAsync(Query("lvm-pv", ["type", "name", "free", "node"], "node1.example.com"));
        var byDefault = await _sim.RunAsync(Query(null, ["type", "name"], "node1"));

        vg.Result!.ToJsonString().Should().Be($"""[["xenvg",{node.Total},{node.Total - node.Free},{node.Free},true]]""");
        pv.Result!.ToJsonString().Should().Be($"""[["lvm-pv","/dev/sdb",{node.Free},"node1.example.com"]]""");
        byDefault.Result!.ToJsonString().Should().Be("""[["lvm-vg","xenvg"]]""", "drbd, the first enabled template, keeps its disks in lvm-vg");
        node.Free.Should().BeLessThan(node.Total, "node1 holds DRBD disks");
    }

    [Fact]
    public async Task UnitName_ChoosesTheUnit_AnotherOneFailsOnTheNode()
    {
        var named = await _sim.RunAsync(Query("file", ["name", "allocatable"], "node1"));
        named.Result!.ToJsonString().Should().Be("""[["/srv/ganeti/file-storage",true]]""");

        var op = Query("file", ["name", "size"], "node1");
        op["name"] = "/nope";
        var missing = await _sim.RunAsync(op);
        op = Query("lvm-vg", ["name"], "node1");
        op["name"] = "othervg";
        var otherVg = await _sim.RunAsync(op);

        missing.Status.Should().Be("success");
        missing.Result!.AsArray().Should().BeEmpty();
        missing.Log.Should().Equal(" - WARNING: Can't get storage data from node node1.example.com: Error while executing backend function: [Errno 2] No such file or directory: '/nope'");
        otherVg.Log.Should().ContainSingle().Which.Should().StartWith(" - WARNING: Can't get storage data from node node1.example.com: Error while executing backend function: Failed to run 'vgs'");
    }

    [Fact]
    public async Task UnreportableType_WarnsForEachNode()
    {
        var job = await _sim.RunAsync(Query("diskless", ["name"], "node2", "node1"));

        job.Status.Should().Be("success");
        job.Result!.AsArray().Should().BeEmpty();
        job.Log.Should().BeEquivalentTo(
            " - WARNING: Can't get storage data from node node1.example.com: Error while executing backend function: Unknown storage type: 'diskless'",
            " - WARNING: Can't get storage data from node node2.example.com: Error while executing backend function: Unknown storage type: 'diskless'");
    }

    [Theory]
    [InlineData("file", new[] { "name", "nosuch", "size", "other" }, """["OpPrereqError",["Unknown output fields selected: nosuch,other","wrong_input"]]""")]
    [InlineData("sharedfile", new[] { "name" }, """["OpPrereqError",["No disk template of storage type 'sharedfile' is enabled in this cluster. Enabled disk templates are: drbd,plain,file,diskless"]]""")]
    [InlineData("rados", new[] { "name" }, """["OpPrereqError",["No disk template of storage type 'rados' is enabled in this cluster. Enabled disk templates are: drbd,plain,file,diskless"]]""")]
    public async Task Refusals_LikeGaneti(string type, string[] fields, string error)
    {
        var job = await _sim.RunAsync(Query(type, fields));

        job.Status.Should().Be("error");
        job.Error.Should().Be(error);
    }

    [Fact]
    public async Task UnknownStorageType_IsRefusedAtSubmission_AsLuxidParsesIt()
    {
        var submit = () => _sim.RunAsync(Query("nosuch", ["name"]));

        (await submit.Should().ThrowAsync<Ganeti.Application.Errors.MasterProtocolException>()).Which.Message
            .Should().Be("Failed to parse request: SubmitJob: Can't parse value for 'storage_type': Invalid string value for type StorageType: \"nosuch\"");
    }

    [Fact]
    public async Task UnknownNode_IsRefused()
    {
        var job = await _sim.RunAsync(Query("file", ["name"], "nosuch"));

        job.Error.Should().Be("""["OpPrereqError",["Node 'nosuch' not known","unknown_entity"]]""");
    }
}

/// <summary>Storage queries on clusters set up otherwise than the demo.</summary>
public sealed class NodeQueryStorageClusterTests
{
    [Fact]
    public async Task OfflineNodes_AreLeftOut()
    {
        await using var sim = new SimulatorFixture(prepare: state => state.Nodes.Values.Single(n => n.Name.StartsWith("node3.", StringComparison.Ordinal)).Offline = true);

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_QUERY_STORAGE", """{"output_fields": ["node"], "storage_type": "lvm-vg"}"""));

        job.Status.Should().Be("success");
        job.Result!.AsArray().Select(r => r![0]!.GetValue<string>()).Should().BeEquivalentTo("node1.example.com", "node2.example.com", "node4.example.com");
        job.Log.Should().BeEmpty();
    }

    [Fact]
    public async Task DefaultType_MustSupportReporting()
    {
        await using var sim = new SimulatorFixture(prepare: state =>
        {
            state.Cluster.EnabledDiskTemplates = ["diskless", "file"];
            state.Cluster.VolumeGroupName = null;
        });

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_QUERY_STORAGE", """{"output_fields": ["name"]}"""));
        var lvm = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_QUERY_STORAGE", """{"output_fields": ["name"], "storage_type": "lvm-pv"}"""));

        job.Error.Should().Be("""["OpPrereqError",["Storage reporting for storage type 'diskless' is not supported. Please use the --storage-type option to specify one of the supported storage types (file, gluster, lvm-pv, lvm-vg, sharedfile) or set the default disk template to one that supports storage reporting."]]""");
        lvm.Error.Should().Be("""["OpPrereqError",["No disk template of storage type 'lvm-vg' is enabled in this cluster. Enabled disk templates are: diskless,file"]]""", "lvm-pv is enabled with lvm-vg");
    }
}
