using System.Text.Json.Nodes;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Simulator.Seed;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Simulator.Tests;

/// <summary>The seed <c>reference3</c>: a copy of the real three-node cluster of scripts/real-ganeti/up3.sh.</summary>
public sealed class ReferenceThreeNodeSeedTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "sim3-" + Guid.NewGuid().ToString("N")[..10]);
    private SimulatedMaster _master = null!;

    public Task InitializeAsync()
    {
        _master = SimulatedMaster.Start(
            new SimulatorOptions { DataDirectory = _dataDir, Seed = ReferenceThreeNodeCluster.Name, TimeScale = 0 },
            TimeProvider.System,
            NullLoggerFactory.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _master.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task Nodes_AreTheThreeOfTheRealCluster_WithItsAddressesGroupsAndFigures()
    {
        var nodes = await Call("QueryNodes", new JsonArray(), new JsonArray("name", "group", "role", "pip", "sip", "mtotal", "mnode", "ctotal", "dtotal"), false);

        nodes!.ToJsonString().Should().Be(
            """[["n1.ganeti3.test","default","M","198.51.100.31","198.51.100.31",24105,675,2,258019],"""
            + """["n2.ganeti3.test","default","C","198.51.100.32","198.51.100.32",24105,675,2,258019],"""
            + """["n3.ganeti3.test","group2","C","198.51.100.33","198.51.100.33",24105,675,2,258019]]""");
    }

    [Fact]
    public async Task Groups_AreDefaultWithN1AndN2_AndGroup2WithN3()
    {
        var groups = (await Call("QueryGroups", new JsonArray(), new JsonArray("name", "node_list"), false))!.AsArray();

        groups.Select(g => g![0]!.GetValue<string>()).Should().Equal("default", "group2");
        groups[0]![1]!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo(["n1.ganeti3.test", "n2.ganeti3.test"]);
        groups[1]![1]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("n3.ganeti3.test");
    }

    [Fact]
    public async Task Instances_AreTheFourSamples_WithTheirTemplatesNodesAndStates()
    {
        var instances = await Call("QueryInstances", new JsonArray(), new JsonArray("name", "pnode", "disk_template", "status", "disk.sizes", "nic.links", "os"), false);

        instances!.ToJsonString().Should().Be(
            """[["inst1.ganeti3.test","n1.ganeti3.test","sharedfile","running",[128],["br3"],"noop"],"""
            + """["inst2.ganeti3.test","n2.ganeti3.test","diskless","running",[],["br3"],"noop"],"""
            + """["inst3.ganeti3.test","n1.ganeti3.test","file","ADMIN_down",[128],["br3"],"noop"],"""
            + """["inst4.ganeti3.test","n3.ganeti3.test","diskless","running",[],["br3"],"noop"]]""");
    }

    [Fact]
    public async Task Cluster_IsCluster3_WithItsDiskTemplatesTagAndMasterNetdev()
    {
        var info = (await Call("QueryClusterInfo"))!.AsObject();

        info["name"]!.GetValue<string>().Should().Be("cluster3.ganeti.test");
        info["master"]!.GetValue<string>().Should().Be("n1.ganeti3.test");
        info["master_netdev"]!.GetValue<string>().Should().Be("br3");
        info["enabled_disk_templates"]!.ToJsonString().Should().Be("""["diskless","file","sharedfile"]""");
        info["tags"]!.ToJsonString().Should().Be("""["env:test3"]""");
    }

    /// <summary>luxid checks the disk layout first; a migration of a stopped instance that may fall back is a failover.</summary>
    [Theory]
    [InlineData("OP_INSTANCE_FAILOVER", false, "failovers")]
    [InlineData("OP_INSTANCE_MIGRATE", false, "migrations")]
    [InlineData("OP_INSTANCE_MIGRATE", true, "failovers")]
    public async Task FailoverOrMigration_OfTheStoppedFileInstance_IsRefusedInLuxidsWords(string opId, bool allowFailover, string what)
    {
        var op = new JsonObject
        {
            ["OP_ID"] = opId,
            ["reason"] = new JsonArray(),
            ["instance_name"] = "inst3.ganeti3.test",
            ["target_node"] = "n2.ganeti3.test",
        };
        if (allowFailover)
        {
            op["allow_failover"] = true;
        }

        var id = (await Call("SubmitJob", new JsonArray(op)))!.GetValue<long>();

        (await JobWait.UntilEndAsync(args => Call("WaitForJobChange", args), id)).Should().Be("error");
        var error = (await Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]!;
        error[0]!.GetValue<string>().Should().Be("OpPrereqError");
        error[1]![0]!.GetValue<string>().Should().Be($"Instance's disk layout 'file' does not allow {what}");
        error[1]![1]!.GetValue<string>().Should().Be("wrong_state");
    }

    /// <summary>
    /// The job keeps the opcode as the master settled it (what hbal's jobs show on Ganeti): the
    /// target's full name and uuid, and the migration mode, from <c>live</c> (then cleared) or
    /// else the fake hypervisor's <c>migration_mode</c>.
    /// </summary>
    [Theory]
    [InlineData(null, null, "live")]
    [InlineData(false, null, "non-live")]
    [InlineData(null, "non-live", "non-live")]
    public async Task Migration_OfTheRunningSharedfileInstance_KeepsTheSettledTargetAndMode(bool? live, string? mode, string settled)
    {
        var op = new JsonObject { ["OP_ID"] = "OP_INSTANCE_MIGRATE", ["reason"] = new JsonArray(), ["instance_name"] = "inst1", ["target_node"] = "n2" };
        if (live is not null)
        {
            op["live"] = live;
        }

        if (mode is not null)
        {
            op["mode"] = mode;
        }

        var id = (await Call("SubmitJob", new JsonArray(op)))!.GetValue<long>();

        (await JobWait.UntilEndAsync(args => Call("WaitForJobChange", args), id)).Should().Be("success");
        var kept = (await Call("QueryJobs", new JsonArray(id), new JsonArray("ops")))![0]![0]![0]!;
        var n2 = (await Call("QueryNodes", new JsonArray("n2.ganeti3.test"), new JsonArray("uuid"), false))![0]![0]!.GetValue<string>();
        kept["instance_name"]!.GetValue<string>().Should().Be("inst1.ganeti3.test");
        kept["target_node"]!.GetValue<string>().Should().Be("n2.ganeti3.test");
        kept["target_node_uuid"]!.GetValue<string>().Should().Be(n2);
        kept["mode"]!.GetValue<string>().Should().Be(settled);
        if (live is not null)
        {
            kept.AsObject().ContainsKey("live").Should().BeTrue();
            kept["live"].Should().BeNull("Ganeti clears 'live' once it has chosen the mode from it");
        }
    }

    [Fact]
    public async Task Migration_WithBothLiveAndMode_IsRefused()
    {
        var op = new JsonObject { ["OP_ID"] = "OP_INSTANCE_MIGRATE", ["reason"] = new JsonArray(), ["instance_name"] = "inst1", ["target_node"] = "n2", ["live"] = true, ["mode"] = "live" };

        var id = (await Call("SubmitJob", new JsonArray(op)))!.GetValue<long>();

        (await JobWait.UntilEndAsync(args => Call("WaitForJobChange", args), id)).Should().Be("error");
        var error = (await Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]!;
        error[1]![0]!.GetValue<string>().Should().Be("Only one of the 'live' and 'mode' parameters are accepted");
        error[1]![1]!.GetValue<string>().Should().Be("wrong_input");
    }

    private Task<JsonNode?> Call(string method, params JsonNode?[] args)
    {
        var options = Options.Create(new LuxiOptions { SocketPath = _master.SocketPath, ConnectAttempts = 1, ReadWriteTimeout = TimeSpan.FromSeconds(30) });
        var client = new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
        return client.CallAsync(method, new JsonArray(args), CancellationToken.None).AsTask();
    }
}
