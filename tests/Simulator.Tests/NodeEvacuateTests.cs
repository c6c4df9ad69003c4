using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests;

/// <summary>OP_NODE_EVACUATE: Ganeti's checks and log, the plan hail makes (when installed) and the jobs it spawns.</summary>
public sealed class NodeEvacuateTests
{
    private static JsonObject Evacuate(string node, string mode, string extra = "") =>
        SimulatorJobs.Op("OP_NODE_EVACUATE", $$"""{"node_name":"{{node}}","mode":"{{mode}}"{{extra}}}""");

    private static async Task<List<JobOutcome>> SpawnedAsync(SimulatorFixture sim, JobOutcome job)
    {
        var spawned = new List<JobOutcome>();
        foreach (var entry in job.Result!["jobs"]!.AsArray())
        {
            entry![0]!.GetValue<bool>().Should().BeTrue(entry.ToJsonString());
            var id = entry[1]!.GetValue<long>();
            await sim.WaitForJobAsync(id);
            var row = (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("status", "ops", "opresult")))![0]!;
            spawned.Add(new JobOutcome(id, row[0]!.GetValue<string>(), row[2]![0]?.DeepClone(), [], row[1]![0]!.DeepClone().AsObject()));
        }

        return spawned;
    }

    [Fact]
    public async Task NodeWithoutInstances_SpawnsNoJob_AndSaysSo()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(Evacuate("node3.example.com", "primary-only", ""","iallocator":"hail" """));

        job.Status.Should().Be("success", job.Error);
        job.Result!.ToJsonString().Should().Be("""{"jobs":[]}""");
        job.Log.Should().Equal(" - INFO: No instances to evacuate from node 'node3.example.com'");
    }

    [Fact]
    public async Task RemoteNode_ThatIsThePrimaryOfAnInstanceToMove_IsRefused()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(Evacuate("node2.example.com", "secondary-only", ""","remote_node":"node1.example.com" """));

        job.Status.Should().Be("error");
        job.Error.Should().Be("""["OpPrereqError",["Node node1.example.com is the primary node of instance db1.example.com, cannot use it as secondary","wrong_input"]]""");
        job.Log.Should().Equal(" - INFO: Evacuating instances from node 'node2.example.com': db1.example.com, web1.example.com");
    }

    [HailFact]
    public async Task SecondaryOnly_WithHail_ReplacesTheSecondariesWhereHailSays()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(Evacuate("node2.example.com", "secondary-only", ""","iallocator":"hail","early_release":true"""));

        job.Status.Should().Be("success", job.Error);
        job.Log.Should().Equal(
            " - INFO: Evacuating instances from node 'node2.example.com': db1.example.com, web1.example.com",
            " - INFO: Instances to be moved: db1.example.com (to node1.example.com, node3.example.com), web1.example.com (to node1.example.com, node3.example.com)");
        var spawned = await SpawnedAsync(sim, job);
        spawned.Select(j => (j.Op["instance_name"]!.GetValue<string>(), j.Op["OP_ID"]!.GetValue<string>(), j.Op["remote_node"]!.GetValue<string>(), j.Op["early_release"]!.GetValue<bool>()))
            .Should().Equal(("db1.example.com", "OP_INSTANCE_REPLACE_DISKS", "node3.example.com", true), ("web1.example.com", "OP_INSTANCE_REPLACE_DISKS", "node3.example.com", true));
        spawned.Should().OnlyContain(j => j.Status == "success");
        var rows = (await sim.Call("QueryInstances", new JsonArray("db1.example.com", "web1.example.com"), new JsonArray("snodes"), false))!.ToJsonString();
        rows.Should().Be("""[[["node3.example.com"]],[["node3.example.com"]]]""");
    }

    [HailFact]
    public async Task PrimaryOnly_WithHail_FailsForAnInstanceHailCannotMove_AndSpawnsNothing()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(Evacuate("node2.example.com", "primary-only", ""","iallocator":"hail" """));

        job.Status.Should().Be("error");
        job.Error.Should().Be("""["OpExecError",["Unable to evacuate instances files1.example.com (Instances of type file cannot be relocated)"]]""");
        job.Log.Should().Contain(" - WARNING: Unable to evacuate instances files1.example.com (Instances of type file cannot be relocated)");
        (await sim.Call("QueryJobs", new JsonArray(), new JsonArray("id")))!.AsArray().Should().ContainSingle("no job was spawned");
    }

    [HailFact]
    public async Task PrimaryOnly_WithHail_MigratesWithFailoverAllowed_AsHailPlans()
    {
        await using var sim = new SimulatorFixture(seed: Seed.ReferenceThreeNodeCluster.Name);

        var job = await sim.RunAsync(Evacuate("n2.ganeti3.test", "primary-only", ""","iallocator":"hail" """));

        job.Status.Should().Be("success", job.Error);
        var spawned = await SpawnedAsync(sim, job);
        spawned.Should().ContainSingle();
        spawned[0].Status.Should().Be("success", spawned[0].Result?.ToJsonString());
        spawned[0].Op["OP_ID"]!.GetValue<string>().Should().Be("OP_INSTANCE_MIGRATE");
        spawned[0].Op["allow_failover"]!.GetValue<bool>().Should().BeTrue();
        spawned[0].Op["target_node"]!.GetValue<string>().Should().Be("n1.ganeti3.test");
        var pnode = (await sim.Call("QueryInstances", new JsonArray("inst2.ganeti3.test"), new JsonArray("pnode"), false))![0]![0]!.GetValue<string>();
        pnode.Should().Be("n1.ganeti3.test");
    }
}
