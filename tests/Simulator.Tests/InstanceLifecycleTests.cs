using System.Text.Json.Nodes;
using Ganeti.Simulator.Execution;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// Instance creation, multi-allocation and removal on the demo cluster: node capacity follows
/// the instances, the allocator places each instance where what is left fits, and removal
/// from an offline node fails unless failures are ignored.
/// </summary>
public sealed class InstanceLifecycleTests
{
    private static JsonObject Create(string name, string template, long[] disks, JsonObject? extra = null)
    {
        var op = new JsonObject
        {
            ["OP_ID"] = "OP_INSTANCE_CREATE",
            ["reason"] = new JsonArray(),
            ["instance_name"] = name,
            ["mode"] = "create",
            ["os_type"] = "noop",
            ["disk_template"] = template,
            ["disks"] = new JsonArray([.. disks.Select(size => (JsonNode)new JsonObject { ["size"] = size })]),
            ["nics"] = new JsonArray(new JsonObject()),
        };
        foreach (var (key, value) in extra ?? [])
        {
            op[key] = value?.DeepClone();
        }

        return op;
    }

    private static async Task<(string Status, JsonNode? Result, JsonNode? Log)> Run(SimulatorFixture sim, JsonObject op)
    {
        var id = (await sim.Call("SubmitJob", new JsonArray(op)))!.GetValue<long>();
        var status = await sim.WaitForJobAsync(id);
        var row = (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult", "oplog")))![0]!;
        return (status, row[0]![0]?.DeepClone(), row[1]![0]?.DeepClone());
    }

    private static async Task<(long MemoryFree, long DiskFree)> Free(SimulatorFixture sim, string node)
    {
        var row = (await sim.Call("QueryNodes", new JsonArray(node), new JsonArray("mfree", "dfree"), false))![0]!;
        return (row[0]!.GetValue<long>(), row[1]!.GetValue<long>());
    }

    [Fact]
    public async Task CreateAndRemove_ChargeAndReleaseMemoryAndDiskOnTheNodes()
    {
        await using var sim = new SimulatorFixture();
        var (memory3, disk3) = await Free(sim, "node3.example.com");
        var (_, disk1) = await Free(sim, "node1.example.com");

        var plain = await Run(sim, Create("plain1.example.com", "plain", [10240, 2048], new() { ["pnode"] = "node3.example.com", ["beparams"] = new JsonObject { ["maxmem"] = 4096 } }));
        plain.Status.Should().Be("success", plain.Result?.ToJsonString());
        (await Free(sim, "node3.example.com")).Should().Be((memory3 - 4096, disk3 - 12288));

        var drbd = await Run(sim, Create("mirror1.example.com", "drbd", [1024], new() { ["pnode"] = "node3.example.com", ["snode"] = "node1.example.com", ["start"] = false }));
        drbd.Result!.ToJsonString().Should().Be("""["node3.example.com","node1.example.com"]""");
        (await Free(sim, "node3.example.com")).Should().Be((memory3 - 4096, disk3 - 12288 - 1152), "a stopped instance takes no memory; DRBD adds 128 MiB of metadata per disk");
        (await Free(sim, "node1.example.com")).DiskFree.Should().Be(disk1 - 1152);

        (await Run(sim, new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_REMOVE", ["instance_name"] = "plain1.example.com" })).Status.Should().Be("success");
        (await Run(sim, new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_REMOVE", ["instance_name"] = "mirror1" })).Status.Should().Be("success");
        (await Free(sim, "node3.example.com")).Should().Be((memory3, disk3));
        (await Free(sim, "node1.example.com")).DiskFree.Should().Be(disk1);
    }

    [Fact]
    public async Task Create_TheFreeMemoryAndDiskAreTheLimits()
    {
        await using var sim = new SimulatorFixture();
        var (memory, disk) = await Free(sim, "node3.example.com");

        var fits = await Run(sim, Create("big1.example.com", "plain", [disk], new() { ["pnode"] = "node3.example.com", ["ignore_ipolicy"] = true, ["beparams"] = new JsonObject { ["maxmem"] = memory } }));
        fits.Status.Should().Be("success", fits.Result?.ToJsonString());

        var noDisk = await Run(sim, Create("big2.example.com", "plain", [1024], new() { ["pnode"] = "node3.example.com", ["start"] = false }));
        noDisk.Result!.ToJsonString().Should().Be("""["OpPrereqError",["Not enough disk space on target node node3.example.com vg xenvg: required 1024 MiB, available 0 MiB","insufficient_resources"]]""");
        var noMemory = await Run(sim, Create("big3.example.com", "diskless", [], new() { ["pnode"] = "node3.example.com" }));
        noMemory.Result!.ToJsonString().Should().Be("""["OpPrereqError",["Not enough memory on node node3.example.com for creating instance big3.example.com: needed 128 MiB, available 0 MiB","insufficient_resources"]]""");
        var stopped = await Run(sim, Create("big4.example.com", "file", [1024], new() { ["pnode"] = "node3.example.com", ["start"] = false }));
        stopped.Status.Should().Be("success", "a stopped instance needs no memory and Ganeti does not count file storage");
    }

    [Fact]
    public async Task MultiAlloc_WithoutHail_TheBuiltInAllocatorPlacesWhatFits_EachInstanceSeeingWhatTheEarlierOnesTook()
    {
        // Hail refuses the whole request when one instance fits nowhere (MultiAllocHailTests).
        await using var sim = new SimulatorFixture(iallocatorDirectory: Path.Combine(Path.GetTempPath(), "no-ialloc-" + Guid.NewGuid().ToString("N")));
        var instances = new JsonArray([.. Enumerable.Range(1, 5).Select(n => (JsonNode)Create($"fat{n}.example.com", "diskless", [], new() { ["start"] = false, ["beparams"] = new JsonObject { ["maxmem"] = 20000 } }))]);

        var (status, result, _) = await Run(sim, new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_MULTI_ALLOC", ["iallocator"] = "hail", ["instances"] = instances });

        status.Should().Be("success", result?.ToJsonString());
        result!["allocatable"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("fat1.example.com", "fat2.example.com", "fat3.example.com", "fat4.example.com");
        result["failed"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("fat5.example.com");
        var nodes = new List<string>();
        foreach (var job in result["jobs"]!.AsArray())
        {
            var id = job![1]!.GetValue<long>();
            (await sim.WaitForJobAsync(id)).Should().Be("success");
            nodes.Add((await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]![0]!.GetValue<string>());
        }

        nodes.Should().Equal(["node3.example.com", "node2.example.com", "node1.example.com", "node4.example.com"], "most free memory first, the preferred group before the other");
    }

    [Fact]
    public async Task Remove_FromAnOfflineNode_FailsUnlessFailuresAreIgnored()
    {
        await using var sim = new SimulatorFixture(prepare: state => state.Nodes.Values.Single(n => n.Name == "node4.example.com").Offline = true);

        var refused = await Run(sim, new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_REMOVE", ["instance_name"] = "batch1.example.com" });
        refused.Result!.ToJsonString().Should().Be("""["OpExecError",["Could not shutdown instance batch1.example.com on node node4.example.com: Node is marked offline"]]""");

        var ignored = await Run(sim, new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_REMOVE", ["instance_name"] = "batch1.example.com", ["ignore_failures"] = true });
        ignored.Status.Should().Be("success");
        ignored.Log!.AsArray().Select(l => l![3]!.GetValue<string>()).Should().Contain(" - WARNING: Warning: can't shutdown instance: Node is marked offline");
        (await sim.Call("QueryInstances", new JsonArray(), new JsonArray("name"), false))!.AsArray().Select(r => r![0]!.GetValue<string>()).Should().NotContain("batch1.example.com");
    }

    [Fact]
    public async Task Create_TakesLongerWithBiggerDisks()
    {
        await using var sim = new SimulatorFixture(timeScale: 0.2);
        var started = DateTimeOffset.UtcNow;

        var created = await Run(sim, Create("slow1.example.com", "plain", [102400], new() { ["pnode"] = "node3.example.com", ["start"] = false }));

        created.Status.Should().Be("success");
        (DateTimeOffset.UtcNow - started).Should().BeGreaterThanOrEqualTo(
            TimeSpan.FromSeconds(0.5 * 0.2 * (1 + (InstanceCreateExecutor.DurationPerGib * 100))), "100 GiB take eleven times the base 0.5 s, scaled by 0.2");
    }

    [Fact]
    public async Task GrowDisk_TakesLongerTheMoreItAdds()
    {
        await using var sim = new SimulatorFixture(timeScale: 0.1);
        var started = DateTimeOffset.UtcNow;

        var grown = await Run(sim, new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_GROW_DISK", ["instance_name"] = "cache1.example.com", ["disk"] = 0, ["amount"] = 51200, ["wait_for_sync"] = false });

        grown.Status.Should().Be("success", grown.Result?.ToJsonString());
        (DateTimeOffset.UtcNow - started).Should().BeGreaterThanOrEqualTo(
            TimeSpan.FromSeconds(1.0 * 0.1 * (1 + (InstanceCreateExecutor.DurationPerGib * 50))), "50 GiB take six times the base 1 s, scaled by 0.1");
    }

    [Fact]
    public void Policy_TheMinMaxPairWithFewestViolationsCounts()
    {
        var ipolicy = JsonNode.Parse("""
            {"minmax": [
              {"min": {"memory-size": 128, "cpu-count": 1, "nic-count": 1, "spindle-use": 1, "disk-size": 1024, "disk-count": 1},
               "max": {"memory-size": 1024, "cpu-count": 2, "nic-count": 8, "spindle-use": 12, "disk-size": 10240, "disk-count": 4}},
              {"min": {"memory-size": 2048, "cpu-count": 4, "nic-count": 1, "spindle-use": 1, "disk-size": 1024, "disk-count": 1},
               "max": {"memory-size": 8192, "cpu-count": 8, "nic-count": 8, "spindle-use": 12, "disk-size": 102400, "disk-count": 4}}],
             "disk-templates": ["plain", "file"]}
            """)!.AsObject();

        InstancePolicy.Violations(ipolicy, 4096, 4, 1, 1, [20480], "plain").Should().BeEmpty();
        InstancePolicy.Violations(ipolicy, 4096, 2, 1, 1, [20480], "plain").Should().Equal("cpu-count value 2 is not in range [4, 8]");
        InstancePolicy.Violations(ipolicy, 512, 1, 9, 1, [1024, 1024, 1024, 1024, 1024], "drbd").Should().Equal(
            "Disk template drbd is not allowed (allowed templates: plain, file)", "nic-count value 9 is not in range [1, 8]", "disk-count value 5 is not in range [1, 4]");
        InstancePolicy.Violations(ipolicy, 512, 1, 1, 1, [], "diskless").Should().Equal("Disk template diskless is not allowed (allowed templates plain, file)");
    }
}
