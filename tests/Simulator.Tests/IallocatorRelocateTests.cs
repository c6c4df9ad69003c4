using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// Ganeti's <c>relocate</c> request: a migration or failover of an instance on shared storage
/// without a target node, and a new DRBD secondary, placed by the iallocator (the cluster's
/// default when none is given).
/// </summary>
public sealed class IallocatorRelocateTests
{
    [HailFact]
    public async Task Migrate_WithoutATarget_GoesWhereHailRelocatesIt()
    {
        await using var sim = new SimulatorFixture(seed: Seed.ReferenceThreeNodeCluster.Name);

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_MIGRATE", """{"instance_name":"inst1.ganeti3.test"}"""));

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        job.Op["iallocator"]!.GetValue<string>().Should().Be("hail", "the cluster's default fills the opcode");
        job.Log.Should().Contain(" - INFO: Selected nodes for instance inst1.ganeti3.test via iallocator hail: n2.ganeti3.test");
        var pnode = (await sim.Call("QueryInstances", new JsonArray("inst1.ganeti3.test"), new JsonArray("pnode"), false))![0]![0]!.GetValue<string>();
        pnode.Should().Be("n2.ganeti3.test");
    }

    [HailFact]
    public async Task Failover_WithHail_InASingleNodeGroup_IsRefusedWithHailsReason()
    {
        await using var sim = new SimulatorFixture(seed: Seed.ReferenceThreeNodeCluster.Name);

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_FAILOVER", """{"instance_name":"inst4.ganeti3.test","iallocator":"hail"}"""));

        job.Status.Should().Be("error");
        job.Error.Should().StartWith("""["OpPrereqError",["Can't compute nodes using iallocator 'hail': """).And.EndWith("\",\"insufficient_resources\"]]");
    }

    [Fact]
    public async Task Migrate_WithBothATargetAndAnIallocator_IsRefused()
    {
        await using var sim = new SimulatorFixture(seed: Seed.ReferenceThreeNodeCluster.Name);

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_MIGRATE", """{"instance_name":"inst1.ganeti3.test","iallocator":"hail","target_node":"n2.ganeti3.test"}"""));

        job.Error.Should().Be("""["OpPrereqError",["Do not specify both, iallocator and node","wrong_input"]]""");
    }

    [HailFact]
    public async Task ReplaceDisks_NewSecondaryFromHail_LogsTheInstanceUuidAsGanetiDoes()
    {
        await using var sim = new SimulatorFixture();
        var uuid = (await sim.Call("QueryInstances", new JsonArray("web1.example.com"), new JsonArray("uuid"), false))![0]![0]!.GetValue<string>();

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_REPLACE_DISKS", """{"instance_name":"web1.example.com","mode":"replace_new_secondary","iallocator":"hail","disks":[]}"""));

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        job.Log.Should().Contain($" - INFO: Selected new secondary for instance '{uuid}': node3.example.com");
        var snodes = (await sim.Call("QueryInstances", new JsonArray("web1.example.com"), new JsonArray("snodes"), false))![0]![0]!.ToJsonString();
        snodes.Should().Be("""["node3.example.com"]""");
    }
}
