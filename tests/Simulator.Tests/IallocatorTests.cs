using System.Text.Json.Nodes;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Iallocation;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// A test that needs Ganeti's real hail (Debian's ganeti-htools-3.0): skipped, and reported as
/// such, when it is not installed, unless GANETI_REQUIRE_HAIL=1 demands it (then it fails).
/// </summary>
public sealed class HailFactAttribute : FactAttribute
{
    public HailFactAttribute()
    {
        if (!HailInstalled && Environment.GetEnvironmentVariable("GANETI_REQUIRE_HAIL") != "1")
        {
            Skip = $"hail is not installed in {ScriptIallocatorRunner.DefaultDirectory} (install ganeti-htools-3.0; GANETI_REQUIRE_HAIL=1 makes this a failure)";
        }
    }

    public static bool HailInstalled => File.Exists(Path.Combine(ScriptIallocatorRunner.DefaultDirectory, "hail"));
}

/// <summary>The iallocator protocol: the input document as Ganeti's master builds it, hail's real answers, and the fallback when hail is missing.</summary>
public sealed class IallocatorTests
{
    private static readonly ScriptIallocatorRunner Hail = new(ScriptIallocatorRunner.DefaultDirectory);

    private static NewInstanceRequest Request(string name, DiskTemplate template, long memory, string? group = null, long disk = 1024) =>
        new(name, template, group, [], "debootstrap+default", 1, memory, 1,
            template == DiskTemplate.Diskless ? [] : [(disk, "rw")], [new Nic { Mac = "aa:00:00:11:22:33" }], "fake");

    [Fact]
    public void Input_ForReference3_DescribesClusterGroupsNodesInstancesAndRequest()
    {
        var state = ReferenceThreeNodeCluster.Create(DateTimeOffset.UtcNow);

        var input = IallocatorInput.Allocate(state, Request("new1.ganeti3.test", DiskTemplate.SharedFile, 512, disk: 2048));

        input["version"]!.GetValue<int>().Should().Be(2);
        input["cluster_name"]!.GetValue<string>().Should().Be(state.Cluster.Name);
        input["enabled_hypervisors"]!.ToJsonString().Should().Be("""["fake"]""");
        input["ipolicy"]!.AsObject().Should().ContainKeys("minmax", "std", "disk-templates", "vcpu-ratio", "spindle-ratio");
        var groups = input["nodegroups"]!.AsObject();
        groups.Select(g => g.Value!["name"]!.GetValue<string>()).Order().Should().Equal("default", "group2");
        groups.Select(g => g.Key).Should().BeEquivalentTo(state.Groups.Keys);
        groups.First().Value!["ipolicy"]!.AsObject().Should().ContainKey("minmax");
        var nodes = input["nodes"]!.AsObject();
        nodes.Select(n => n.Key).Should().Equal("n1.ganeti3.test", "n2.ganeti3.test", "n3.ganeti3.test");
        var n3 = nodes["n3.ganeti3.test"]!.AsObject();
        n3["group"]!.GetValue<string>().Should().Be(state.Groups.Values.Single(g => g.Name == "group2").Uuid);
        n3["total_memory"]!.GetValue<int>().Should().Be(24105);
        n3["reserved_memory"]!.GetValue<int>().Should().Be(675);
        n3["total_cpus"]!.GetValue<int>().Should().Be(2);
        n3["total_disk"]!.GetValue<long>().Should().Be(0, "Ganeti reports no space for sharedfile");
        n3["ndparams"]!.AsObject().Should().ContainKeys("spindle_count", "exclusive_storage");
        n3.Should().ContainKeys("free_memory", "free_disk", "total_spindles", "free_spindles", "reserved_cpus", "i_pri_memory", "i_pri_up_memory",
            "tags", "primary_ip", "secondary_ip", "offline", "drained", "master_candidate", "master_capable", "vm_capable");
        var instances = input["instances"]!.AsObject();
        instances.Select(i => i.Key).Should().BeEquivalentTo(state.Instances.Values.Select(i => i.Name));
        var first = instances.First().Value!.AsObject();
        first.Should().ContainKeys("tags", "admin_state", "vcpus", "memory", "spindle_use", "os", "nodes", "nics", "disks", "disk_template", "disks_active", "hypervisor", "disk_space_total");
        var request = input["request"]!.AsObject();
        request["type"]!.GetValue<string>().Should().Be("allocate");
        request["name"]!.GetValue<string>().Should().Be("new1.ganeti3.test");
        request["disk_template"]!.GetValue<string>().Should().Be("sharedfile");
        request["memory"]!.GetValue<long>().Should().Be(512);
        request["disk_space_total"]!.GetValue<long>().Should().Be(2048);
        request["required_nodes"]!.GetValue<int>().Should().Be(1);
        request["disks"]!.ToJsonString().Should().Be("""[{"size":2048,"mode":"rw","dev_type":"sharedfile"}]""");
    }

    [Fact]
    public void Input_FreeMemory_CountsTheInstancesThatAreUp()
    {
        var state = ReferenceThreeNodeCluster.Create(DateTimeOffset.UtcNow);
        var node = state.Nodes.Values.First(n => state.Instances.Values.Any(i => i.PrimaryNodeUuid == n.Uuid && i.AdminState == AdminState.Up));
        var up = state.Instances.Values.Where(i => i.PrimaryNodeUuid == node.Uuid && (i.Running || i.AdminState == AdminState.Up))
            .Sum(i => Ganeti.Simulator.Query.NodeFields.InstanceMemory(i, Ganeti.Simulator.Query.NodeFields.BeDefaults(state)));

        var input = IallocatorInput.Allocate(state, Request("x", DiskTemplate.Diskless, 128));

        up.Should().BeGreaterThan(0);
        input["nodes"]![node.Name]!["free_memory"]!.GetValue<long>().Should().Be(node.MemoryTotal - node.MemoryDom0 - up);
    }

    [HailFact]
    public void Hail_PlacesADisklessInstanceInTheGroupAsked_AsTheRealMasterDoes()
    {
        var state = ReferenceThreeNodeCluster.Create(DateTimeOffset.UtcNow);

        var answer = Hail.Run("hail", IallocatorInput.Allocate(state, Request("new2.ganeti3.test", DiskTemplate.Diskless, 256, group: "default")), [], out var whyNot);

        whyNot.Should().BeNull();
        answer!.Success.Should().BeTrue(answer.Info);
        answer.Result!.ToJsonString().Should().Be("""["n2.ganeti3.test"]""");
    }

    [HailFact]
    public void Hail_RefusesTheSingleNodeGroup_ForWantOfARedundantNode_AsTheRealMasterDoes()
    {
        var state = ReferenceThreeNodeCluster.Create(DateTimeOffset.UtcNow);

        var answer = Hail.Run("hail", IallocatorInput.Allocate(state, Request("new3.ganeti3.test", DiskTemplate.Diskless, 256, group: "group2")), [], out _);

        answer!.Success.Should().BeFalse();
        answer.Info.Should().Be("Request failed: Group group2 (preferred): No valid allocation solutions, failure reasons: FailN1: 1");
    }

    [HailFact]
    public void Hail_RefusesAnInstanceNoNodeHasTheMemoryFor()
    {
        var state = ReferenceThreeNodeCluster.Create(DateTimeOffset.UtcNow);

        var answer = Hail.Run("hail", IallocatorInput.Allocate(state, Request("big.ganeti3.test", DiskTemplate.Diskless, 1024 * 1024)), [], out var whyNot);

        whyNot.Should().BeNull();
        answer!.Success.Should().BeFalse();
        answer.Info.Should().Contain("FailMem");
    }

    [Fact]
    public void MissingScript_GivesNoAnswerAndSaysWhy()
    {
        var runner = new ScriptIallocatorRunner(Path.Combine(Path.GetTempPath(), "no-ialloc-" + Guid.NewGuid().ToString("N")));

        var answer = runner.Run("hail", new JsonObject(), [], out var whyNot);

        answer.Should().BeNull();
        whyNot.Should().Contain("'hail' is not installed");
    }

    [Fact]
    public void Arguments_AreTheClustersDefaultParameters_ThenTheRequestsOwn_AsTheNodeDaemonWritesThem()
    {
        var state = DemoCluster.Create(DateTimeOffset.UtcNow);
        state.Cluster.Parameters["default_iallocator_params"] = new JsonObject { ["no-capacity-checks"] = null, ["verbose"] = "1", ["ignore-soft-errors"] = "x" };

        var arguments = Ganeti.Simulator.Execution.Iallocators.Arguments(state, new Dictionary<string, string?> { ["ignore-soft-errors"] = null });

        arguments.Should().Equal("--no-capacity-checks", "--verbose=1", "--ignore-soft-errors");
    }

    [Fact]
    public void Script_GetsTheInputFileThenTheArguments()
    {
        var dir = Directory.CreateTempSubdirectory("ialloc-args-");
        try
        {
            var script = Path.Combine(dir.FullName, "echoer");
            File.WriteAllText(script, "#!/bin/sh\nshift\nprintf '{\"success\":false,\"info\":\"%s\",\"result\":[]}' \"$*\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var answer = new ScriptIallocatorRunner(dir.FullName).Run("echoer", new JsonObject(), ["--no-capacity-checks", "--verbose=1"], out var whyNot);

            whyNot.Should().BeNull();
            answer!.Info.Should().Be("--no-capacity-checks --verbose=1");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [HailFact]
    public void Hail_RefusesEveryNewInstanceOnTheDemoCluster_WithCapacityChecks_ForNode4AloneInGroup2()
    {
        var state = DemoCluster.Create(DateTimeOffset.UtcNow);
        var input = IallocatorInput.Allocate(state, Request("new1.example.com", DiskTemplate.Plain, 512));

        var strict = Hail.Run("hail", input, [], out _);
        var demo = Hail.Run("hail", input, Ganeti.Simulator.Execution.Iallocators.Arguments(state), out _);

        strict!.Success.Should().BeFalse();
        strict.Info.Should().Contain("Group default (preferred): No valid allocation solutions, failure reasons: FailN1: 3");
        demo!.Success.Should().BeTrue(demo.Info);
        demo.Result!.ToJsonString().Should().Be("""["node3.example.com"]""", "the emptiest node of the default group");
    }

    [HailFact]
    public async Task Create_WithHail_OnTheDemoCluster_PlacesTheInstanceThroughHail()
    {
        await using var sim = new SimulatorFixture();

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_CREATE",
            """{"instance_name":"demo-hailed.example.com","disk_template":"plain","disks":[{"size":1024}],"nics":[{}],"os_type":"debootstrap+default","mode":"create","iallocator":"hail","beparams":{"maxmem":512,"minmem":512},"name_check":false,"ip_check":false,"start":false,"wait_for_sync":false}"""));

        job.Status.Should().Be("success", job.Error);
        job.Log.Should().ContainSingle(l => l.EndsWith("Selected nodes for instance demo-hailed.example.com via iallocator hail: node3.example.com", StringComparison.Ordinal));
        job.Log.Should().NotContain(l => l.Contains("built-in placement"));
    }

    [Fact]
    public void Answer_ThatIsNotAValidDocument_IsRejected()
    {
        IallocatorAnswer.Parse("""{"success":true,"info":"ok"}""", out var whyNot).Should().BeNull();
        whyNot.Should().Contain("lacks");
        IallocatorAnswer.Parse("""{"success":true,"info":"ok","result":["n1"]}""", out _)!.Result!.ToJsonString().Should().Be("""["n1"]""");
    }

    [HailFact]
    public async Task Create_WithHail_LogsTheNodesHailSelected()
    {
        await using var sim = new SimulatorFixture(seed: ReferenceThreeNodeCluster.Name);

        var job = await sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_CREATE",
            """{"instance_name":"hailed.example.com","group_name":"default","disk_template":"diskless","disks":[],"nics":[{}],"os_type":"noop","mode":"create","iallocator":"hail","beparams":{"maxmem":128,"minmem":128},"name_check":false,"ip_check":false,"start":false,"wait_for_sync":false}"""));

        job.Status.Should().Be("success", job.Error);
        job.Log.Should().ContainSingle(l => l.EndsWith("Selected nodes for instance hailed.example.com via iallocator hail: n2.ganeti3.test", StringComparison.Ordinal));
        job.Log.Should().NotContain(l => l.Contains("built-in placement"));
    }

    [Fact]
    public async Task IallocatorOrNode_AsGanetiChecksIt_ForCreateEvacuateAndMultiAlloc()
    {
        var empty = Directory.CreateTempSubdirectory("no-ialloc-");
        try
        {
            await using var sim = new SimulatorFixture(iallocatorDirectory: empty.FullName);
            const string Create = """{"disk_template":"diskless","disks":[],"nics":[{}],"os_type":"debootstrap+default","mode":"create","beparams":{"maxmem":128,"minmem":128},"name_check":false,"ip_check":false,"start":false,"wait_for_sync":false""";
            JsonObject CreateOp(string name, string more) => SimulatorJobs.Op("OP_INSTANCE_CREATE", Create + $$""","instance_name":"{{name}}"{{more}}}""");

            // The demo cluster's default iallocator is hail: "." and nothing both mean it, and the opcode keeps its name, as Ganeti's does.
            var evacuate = await sim.RunAsync(SimulatorJobs.Op("OP_NODE_EVACUATE", """{"node_name":"node3.example.com","mode":"primary-only","iallocator":".","dry_run":true}"""));
            evacuate.Status.Should().Be("success", evacuate.Result?.ToJsonString());
            evacuate.Op["iallocator"]!.GetValue<string>().Should().Be("hail");
            var created = await sim.RunAsync(CreateOp("defaulted.example.com", ""));
            created.Status.Should().Be("success", created.Result?.ToJsonString());
            created.Op["iallocator"]!.GetValue<string>().Should().Be("hail");
            var multi = new JsonObject { ["instances"] = new JsonArray(CreateOp("multi1.example.com", "")), ["dry_run"] = true };
            var allocated = await sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_MULTI_ALLOC", multi.ToJsonString()));
            allocated.Status.Should().Be("success", allocated.Result?.ToJsonString());
            allocated.Op["iallocator"]!.GetValue<string>().Should().Be("hail");

            // Without a default, an iallocator named by the opcode still places the instance; nothing, or ".", is refused.
            (await sim.RunAsync(SimulatorJobs.Op("OP_CLUSTER_SET_PARAMS", """{"default_iallocator":""}"""))).Status.Should().Be("success");
            var named = await sim.RunAsync(CreateOp("named.example.com", ""","iallocator":"hail" """));
            named.Status.Should().Be("success", named.Result?.ToJsonString());
            const string NoDefault = "No iallocator or node given and no cluster-wide default iallocator found; please specify either an iallocator or a node, or set a cluster-wide default iallocator";
            foreach (var refused in new[]
            {
                CreateOp("unplaced.example.com", ""),
                CreateOp("unplaced.example.com", ""","iallocator":"." """),
                SimulatorJobs.Op("OP_NODE_EVACUATE", """{"node_name":"node3.example.com","mode":"primary-only"}"""),
            })
            {
                var job = await sim.RunAsync(refused);
                job.Error.Should().Be($$"""["OpPrereqError",["{{NoDefault}}","wrong_input"]]""");
            }
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Create_WithoutTheScript_FallsBackAndSaysSoInTheJobLog()
    {
        var empty = Directory.CreateTempSubdirectory("no-ialloc-");
        try
        {
            await using var sim = new SimulatorFixture(iallocatorDirectory: empty.FullName);

            var job = await sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_CREATE",
                """{"instance_name":"fallback.example.com","disk_template":"diskless","disks":[],"nics":[{}],"os_type":"debootstrap+default","mode":"create","iallocator":"hail","beparams":{"maxmem":128,"minmem":128},"name_check":false,"ip_check":false,"start":false,"wait_for_sync":false}"""));

            job.Status.Should().Be("success", job.Error);
            job.Log.Should().Contain(l => l.Contains("iallocator script 'hail' is not installed") && l.Contains("built-in placement"));
            job.Log.Should().ContainSingle(l => l.StartsWith(" - INFO: Selected nodes for instance fallback.example.com via iallocator hail: ", StringComparison.Ordinal));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
