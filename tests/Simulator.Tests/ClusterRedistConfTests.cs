using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests;

/// <summary>OP_CLUSTER_REDIST_CONF: a job that saves the cluster object and answers null.</summary>
public sealed class ClusterRedistConfTests
{
    [Fact]
    public async Task RunsAsAJob_TouchesTheCluster_AnswersNull()
    {
        await using var sim = new SimulatorFixture();
        var before = await sim.ClusterInfoAsync();
        var serial = sim.ClusterSerial();

        var job = await sim.RunAsync(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_CLUSTER_REDIST_CONF" });
        var summary = (await sim.Call("QueryJobs", new JsonArray(job.Id), new JsonArray("summary")))![0]![0]!.ToJsonString();

        job.Status.Should().Be("success");
        job.Result.Should().BeNull();
        job.Log.Should().BeEmpty();
        summary.Should().Be("""["CLUSTER_REDIST_CONF"]""");
        job.Op.Select(p => p.Key).Should().Equal("debug_level", "priority", "depends", "comment", "reason", "OP_ID");
        sim.ClusterSerial().Should().Be(serial + 1);
        (await sim.ClusterInfoAsync())["mtime"]!.GetValue<double>().Should().BeGreaterThan(before["mtime"]!.GetValue<double>());
    }

    [Fact]
    public async Task TakesItsTime_HoldingTheNodeLocks()
    {
        await using var sim = new SimulatorFixture(timeScale: 1);

        var redist = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_CLUSTER_REDIST_CONF" })))!.GetValue<long>();
        var node = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_NODE_SET_PARAMS", ["node_name"] = "node3", ["master_capable"] = true })))!.GetValue<long>();
        (await sim.WaitForJobAsync(redist)).Should().Be("success");
        (await sim.WaitForJobAsync(node)).Should().Be("success");

        var rows = (await sim.Call("QueryJobs", new JsonArray(redist, node), new JsonArray("opexec", "opend")))!.AsArray();
        double Time(int job, int field) => rows[job]![field]![0]![0]!.GetValue<long>() + (rows[job]![field]![0]![1]!.GetValue<long>() / 1e6);
        (Time(0, 1) - Time(0, 0)).Should().BeGreaterThanOrEqualTo(0.45, "copying the files takes the operation's simulated time (0.5 s)");
        (Time(1, 0) >= Time(0, 1) || Time(0, 0) >= Time(1, 1)).Should().BeTrue("the two jobs need the same node locks, so they run one after the other");
    }

    [Fact]
    public async Task DryRun_ChangesNothing()
    {
        await using var sim = new SimulatorFixture();
        var serial = sim.ClusterSerial();

        var job = await sim.RunAsync(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_CLUSTER_REDIST_CONF", ["dry_run"] = true });

        job.Status.Should().Be("success");
        job.Op["dry_run"]!.GetValue<bool>().Should().BeTrue();
        sim.ClusterSerial().Should().Be(serial);
    }
}
