using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests;

/// <summary>OP_INSTANCE_MULTI_ALLOC placed by Ganeti's real hail (a <c>multi-allocate</c> request).</summary>
public sealed class MultiAllocHailTests
{
    private static JsonObject MultiAlloc(bool dryRun, string second = "tiny", long secondMemory = 256) => SimulatorJobs.Op("OP_INSTANCE_MULTI_ALLOC", $$"""
        {"iallocator":"hail","dry_run":{{(dryRun ? "true" : "false")}},"instances":[
          {"OP_ID":"OP_INSTANCE_CREATE","instance_name":"small.example.com","disk_template":"plain","disks":[{"size":1024}],"nics":[{}],"os_type":"debootstrap+default","mode":"create","beparams":{"maxmem":512,"minmem":512},"name_check":false,"ip_check":false,"start":false,"wait_for_sync":false},
          {"OP_ID":"OP_INSTANCE_CREATE","instance_name":"{{second}}.example.com","disk_template":"diskless","disks":[],"nics":[{}],"os_type":"debootstrap+default","mode":"create","beparams":{"maxmem":{{secondMemory}},"minmem":{{secondMemory}}},"name_check":false,"ip_check":false,"start":false,"wait_for_sync":false}]}
        """);

    [HailFact]
    public async Task Hail_PlacesEachInstance_AndTheJobsCreateThem()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(MultiAlloc(dryRun: false));

        job.Status.Should().Be("success", job.Error);
        job.Result!["allocatable"]!.ToJsonString().Should().Be("""["small.example.com","tiny.example.com"]""");
        job.Result["failed"]!.ToJsonString().Should().Be("[]");
        job.Log.Should().NotContain(l => l.Contains("built-in placement"));
        foreach (var spawned in job.Result["jobs"]!.AsArray())
        {
            (await sim.WaitForJobAsync(spawned![1]!.GetValue<long>())).Should().Be("success");
        }

        var rows = (await sim.Call("QueryInstances", new JsonArray("small.example.com", "tiny.example.com"), new JsonArray("pnode", "disk_template"), false))!.ToJsonString();
        rows.Should().Be("""[["node3.example.com","plain"],["node3.example.com","diskless"]]""", "hail fills the emptiest node of the default group");
    }

    [HailFact]
    public async Task Hail_DryRun_AnswersThePlan_WithoutJobs()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(MultiAlloc(dryRun: true));

        job.Status.Should().Be("success", job.Error);
        job.Result!.ToJsonString().Should().Be("""{"allocatable":["small.example.com","tiny.example.com"],"failed":[],"jobs":[]}""");
        (await sim.Call("QueryInstances", new JsonArray("small.example.com"), new JsonArray("name"), false))!.AsArray().Should().BeEmpty();
    }

    [HailFact]
    public async Task Hail_RefusesTheWholeRequest_WhenOneInstanceFitsNowhere()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(MultiAlloc(dryRun: false, second: "huge", secondMemory: 1024 * 1024));

        job.Status.Should().Be("error");
        job.Error.Should().StartWith("""["OpPrereqError",["Can't compute nodes using iallocator 'hail': Request failed: """)
            .And.Contain("FailMem").And.EndWith("\",\"insufficient_resources\"]]");
        (await sim.Call("QueryJobs", new JsonArray(), new JsonArray("id")))!.AsArray().Should().ContainSingle("no create job was spawned");
    }
}
