using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests;

/// <summary>Opcodes run by the simulated master, checked through LUXI like a client would.</summary>
public sealed class OpExecutorTests : IAsyncLifetime
{
    private SimulatorFixture _sim = null!;

    public Task InitializeAsync()
    {
        _sim = new SimulatorFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private async Task<(string Status, JsonNode? Result)> Run(JsonObject op)
    {
        var id = (await _sim.Call("SubmitJob", new JsonArray(op)))!.GetValue<long>();
        var status = await _sim.WaitForJobAsync(id);
        var result = (await _sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0];
        return (status, result?.DeepClone());
    }

    private static JsonObject Op(string id, object args)
    {
        var op = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(args))!.AsObject();
        op["OP_ID"] = id;
        op["reason"] = new JsonArray();
        return op;
    }

    private async Task<JsonArray> Tags(string kind, string name) =>
        (await Run(Op("OP_TAGS_GET", new { kind, name = kind == "cluster" ? null : name }))).Result!.AsArray();

    [Fact]
    public async Task Tags_SetGetDelete_OnEveryKind()
    {
        foreach (var (kind, name) in new[] { ("cluster", ""), ("instance", "web1"), ("node", "node2.example.com"), ("nodegroup", "group2"), ("network", "net1") })
        {
            JsonNode? target = kind == "cluster" ? null : name;
            (await Run(Op("OP_TAGS_SET", new { kind, name = target, tags = new[] { "t:one", "t:two" } }))).Status.Should().Be("success");
            (await Tags(kind, name)).Select(t => t!.GetValue<string>()).Should().Contain(["t:one", "t:two"]);
            (await Run(Op("OP_TAGS_DEL", new { kind, name = target, tags = new[] { "t:one" } }))).Status.Should().Be("success");
            (await Tags(kind, name)).Select(t => t!.GetValue<string>()).Should().Contain("t:two").And.NotContain("t:one");
        }
    }

    [Fact]
    public async Task Tags_Errors_LikeGaneti()
    {
        var invalid = await Run(Op("OP_TAGS_SET", new { kind = "cluster", tags = new[] { "bad tag" } }));
        invalid.Status.Should().Be("error");
        invalid.Result!.ToJsonString().Should().Be("""["TagError",["Tag contains invalid characters"]]""");

        var missing = await Run(Op("OP_TAGS_DEL", new { kind = "instance", name = "web1", tags = new[] { "nope", "also" } }));
        JsonNode.DeepEquals(missing.Result, JsonNode.Parse("""["OpPrereqError",["Tag(s) 'also', 'nope' not found","unknown_entity"]]""")).Should().BeTrue(missing.Result!.ToJsonString());

        var unknown = await Run(Op("OP_TAGS_SET", new { kind = "instance", name = "nosuch", tags = new[] { "x" } }));
        unknown.Result![1]![1]!.GetValue<string>().Should().Be("unknown_entity");
    }

    [Fact]
    public async Task ShutdownThenStartup_ChangesStateAndAdminState()
    {
        (await Run(Op("OP_INSTANCE_SHUTDOWN", new { instance_name = "web2" }))).Status.Should().Be("success");
        var down = (await _sim.Call("QueryInstances", new JsonArray("web2"), new JsonArray("admin_state", "oper_state", "status"), false))![0]!.ToJsonString();
        down.Should().Be("""["down",false,"ADMIN_down"]""");

        (await Run(Op("OP_INSTANCE_STARTUP", new { instance_name = "web2" }))).Status.Should().Be("success");
        var up = (await _sim.Call("QueryInstances", new JsonArray("web2"), new JsonArray("admin_state", "oper_state", "status"), false))![0]!.ToJsonString();
        up.Should().Be("""["up",true,"running"]""");
    }

    [Fact]
    public async Task Shutdown_NoRemember_KeepsAdminStateUp()
    {
        (await Run(Op("OP_INSTANCE_SHUTDOWN", new { instance_name = "web1", no_remember = true }))).Status.Should().Be("success");
        var row = (await _sim.Call("QueryInstances", new JsonArray("web1"), new JsonArray("admin_state", "status"), false))![0]!.ToJsonString();
        row.Should().Be("""["up","ERROR_down"]""");
    }

    [Fact]
    public async Task TagsSearch_FindsMatchingTagsOfEveryKind_AndRefusesABadPattern()
    {
        (await Run(Op("OP_TAGS_SET", new { kind = "network", name = "net1", tags = new[] { "site:lan" } }))).Status.Should().Be("success");
        var found = await Run(Op("OP_TAGS_SEARCH", new { pattern = "^(app:(web|db)|rack:r3|env:|site:)" }));
        var invalid = await Run(Op("OP_TAGS_SEARCH", new { pattern = "(" }));

        found.Status.Should().Be("success");
        var pairs = found.Result!.AsArray().Select(p => $"{p![0]} {p[1]}").ToList();
        pairs.Order(StringComparer.Ordinal).Should().Equal(
            "/cluster env:demo",
            "/instances/db1.example.com app:db",
            "/instances/web1.example.com app:web",
            "/instances/web2.example.com app:web",
            "/network/net1 site:lan",
            "/nodegroup/group2 site:b",
            "/nodes/node4.example.com rack:r3");
        string[] kinds = ["/cluster", "/instances/", "/nodes/", "/nodegroup/", "/network/"];
        pairs.Select(p => Array.FindIndex(kinds, k => p.StartsWith(k, StringComparison.Ordinal))).Should().BeInAscendingOrder("Ganeti lists the kinds in this order");
        invalid.Status.Should().Be("error");
        invalid.Result![0]!.GetValue<string>().Should().Be("OpPrereqError");
        invalid.Result[1]![0]!.GetValue<string>().Should().StartWith("Invalid search pattern '(': ");
        invalid.Result[1]![1]!.GetValue<string>().Should().Be("wrong_input");
    }

    [Fact]
    public async Task OsDiagnose_ListsTheOses_InGanetisOrder_WithGanetisErrors()
    {
        var all = await Run(Op("OP_OS_DIAGNOSE", new { output_fields = new[] { "name", "variants" } }));
        var named = await Run(Op("OP_OS_DIAGNOSE", new { output_fields = new[] { "name", "api_versions" }, names = new[] { "noop", "debootstrap" } }));
        var unknownName = await Run(Op("OP_OS_DIAGNOSE", new { output_fields = new[] { "name" }, names = new[] { "nosuch" } }));
        var unknownField = await Run(Op("OP_OS_DIAGNOSE", new { output_fields = new[] { "name", "nosuch" } }));

        all.Result!.ToJsonString().Should().Be("""[["debootstrap",["default","minimal"]],["noop",[]]]""");
        named.Result!.ToJsonString().Should().Be("""[["noop",[20]],["debootstrap",[20]]]""");
        unknownName.Status.Should().Be("success");
        unknownName.Result!.AsArray().Should().BeEmpty("an OS no node has is left out");
        JsonNode.DeepEquals(unknownField.Result, JsonNode.Parse("""["OpPrereqError",["Unknown output fields selected: nosuch","wrong_input"]]""")).Should().BeTrue(unknownField.Result!.ToJsonString());
    }

    [Fact]
    public async Task InstanceQueryData_DescribesEachKindOfDisk_LiveOrStatic()
    {
        var live = await Run(Op("OP_INSTANCE_QUERY_DATA", new { instances = new[] { "web1", "files1", "cache1", "batch1" } }));
        var stat = await Run(Op("OP_INSTANCE_QUERY_DATA", new { instances = new[] { "web1" }, @static = true }));
        var all = await Run(Op("OP_INSTANCE_QUERY_DATA", new { @static = true }));
        var drbdDisks = (await Run(Op("OP_INSTANCE_QUERY_DATA", new { instances = new[] { "web1", "web2", "db1" } }))).Result!.AsObject()
            .SelectMany(p => p.Value!["disks"]!.AsArray()).Select(d => d!["drbd_info"]!).ToList();

        live.Status.Should().Be("success");
        var data = live.Result!.AsObject();
        var web1 = data["web1.example.com"]!;
        var drbd = web1["disks"]![0]!;
        drbd["dev_type"]!.GetValue<string>().Should().Be("drbd");
        drbd["logical_id"]!.AsArray().Should().HaveCount(6).And.Subject.Last().Should().BeNull("Ganeti hides the DRBD secret");
        drbd["drbd_info"]!["primary_node"]!.GetValue<string>().Should().Be("node1.example.com");
        drbd["drbd_info"]!["secondary_node"]!.GetValue<string>().Should().Be("node2.example.com");
        drbd["children"]!.AsArray().Select(c => c!["size"]!.GetValue<long>()).Should().Equal(10240, 128);
        drbd["pstatus"]!.AsArray().Should().HaveCount(7);
        drbd["sstatus"]!.AsArray().Should().HaveCount(7);
        web1["run_state"]!.GetValue<string>().Should().Be("up");
        web1["snodes"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("node2.example.com");

        var file = data["files1.example.com"]!["disks"]![0]!;
        file["logical_id"]![0]!.GetValue<string>().Should().Be("loop");
        file["logical_id"]![1]!.GetValue<string>().Should().StartWith("/srv/ganeti/file-storage/files1.example.com/").And.EndWith(".file.disk0");
        file["drbd_info"].Should().BeNull();
        file["sstatus"].Should().BeNull();
        var plain = data["cache1.example.com"]!["disks"]![0]!;
        plain["logical_id"]![0]!.GetValue<string>().Should().Be("xenvg");
        plain["size"]!.GetValue<long>().Should().Be(2048);
        data["batch1.example.com"]!["disks"]!.AsArray().Should().BeEmpty();
        data["batch1.example.com"]!["run_state"]!.GetValue<string>().Should().Be("down");
        data["batch1.example.com"]!["config_state"]!.GetValue<string>().Should().Be("down");

        var staticDisk = stat.Result!["web1.example.com"]!["disks"]![0]!;
        staticDisk["pstatus"].Should().BeNull();
        staticDisk["children"]![0]!["pstatus"].Should().BeNull();
        stat.Result!["web1.example.com"]!["run_state"].Should().BeNull();
        drbdDisks.Should().HaveCount(4);
        drbdDisks.Select(d => d["port"]!.GetValue<int>()).Should().OnlyHaveUniqueItems();
        drbdDisks.SelectMany(d => new[] { $"{d["primary_node"]} {d["primary_minor"]}", $"{d["secondary_node"]} {d["secondary_minor"]}" })
            .Should().OnlyHaveUniqueItems("a DRBD minor is used once per node");
        all.Result!.AsObject().Select(p => p.Key).Should().Equal(
            "batch1.example.com", "cache1.example.com", "db1.example.com", "files1.example.com", "web1.example.com", "web2.example.com");
    }

    [Fact]
    public async Task InstanceQueryData_NotStatic_WarnsAndUsesLocking()
    {
        var id = (await _sim.Call("SubmitJob", new JsonArray(Op("OP_INSTANCE_QUERY_DATA", new { instances = new[] { "web1", "web1.example.com" } }))))!.GetValue<long>();
        (await _sim.WaitForJobAsync(id)).Should().Be("success");

        var job = (await _sim.Call("QueryJobs", new JsonArray(id), new JsonArray("oplog", "ops", "opresult")))![0]!;
        job[0]![0]!.AsArray().Select(e => e![3]!.GetValue<string>()).Should().Equal(" - WARNING: Non-static data requested, locks need to be acquired");
        job[1]![0]!["use_locking"]!.GetValue<bool>().Should().BeTrue();
        job[2]![0]!.AsObject().Select(p => p.Key).Should().Equal(["web1.example.com"], "a name given twice is described once");
    }

    [Theory]
    [InlineData("""["web1", 1]""", "Unable to read String")]
    [InlineData("\"web1\"", "Unable to read list")]
    public async Task InstanceQueryData_InstancesNotAListOfNames_IsRefusedAtSubmission(string instances, string problem)
    {
        var op = Op("OP_INSTANCE_QUERY_DATA", new { });
        op["instances"] = JsonNode.Parse(instances);

        var run = () => Run(op);

        (await run.Should().ThrowAsync<Ganeti.Application.Errors.MasterProtocolException>()).Which.Message
            .Should().Be($"Failed to parse request: SubmitJob: Can't parse value for 'instances': {problem}");
    }

    [Fact]
    public async Task InstanceQueryData_OfAnUnknownInstance_FailsLikeGaneti()
    {
        var (status, result) = await Run(Op("OP_INSTANCE_QUERY_DATA", new { instances = new[] { "nosuch" } }));

        status.Should().Be("error");
        JsonNode.DeepEquals(result, JsonNode.Parse("""["OpPrereqError",["Instance 'nosuch' not known","unknown_entity"]]""")).Should().BeTrue(result!.ToJsonString());
    }

    [Fact]
    public async Task NodeSetParams_MasterFlags_OnlyByFailover()
    {
        var result = await Run(Op("OP_NODE_SET_PARAMS", new { node_name = "node1.example.com", master_candidate = true }));
        JsonNode.DeepEquals(result.Result, JsonNode.Parse("""["OpPrereqError",["The master role can be changed only via master-failover","wrong_input"]]""")).Should().BeTrue();
    }

    [Fact]
    public async Task NodeSetParams_Rules()
    {
        (await Run(Op("OP_NODE_SET_PARAMS", new { node_name = "node3" }))).Result![1]![0]!.GetValue<string>().Should().Be("Please pass at least one modification");
        (await Run(Op("OP_NODE_SET_PARAMS", new { node_name = "node3", offline = true, drained = true }))).Result![1]![0]!.GetValue<string>().Should().Be("Can't set the node into more than one state at the same time");

        // node4 is capable but not a candidate: demoting node3 would leave too few candidates…
        var refused = await Run(Op("OP_NODE_SET_PARAMS", new { node_name = "node3", drained = true }));
        refused.Status.Should().Be("error");
        refused.Result![1]![0]!.GetValue<string>().Should().StartWith("Not enough master candidates");

        // …unless another node is promoted.
        (await Run(Op("OP_NODE_SET_PARAMS", new { node_name = "node3", drained = true, auto_promote = true }))).Status.Should().Be("success");
        var roles = (await _sim.Call("QueryNodes", new JsonArray("node3", "node4"), new JsonArray("name", "role"), false))!.AsArray()
            .ToDictionary(r => r![0]!.GetValue<string>(), r => r![1]!.GetValue<string>());
        roles.Should().Equal(new Dictionary<string, string> { ["node3.example.com"] = "D", ["node4.example.com"] = "C" });
    }

    [Theory]
    [InlineData("offline", true, """[["master_candidate","False"],["offline","True"]]""")]
    [InlineData("drained", true, """[["master_candidate","False"],["drained","True"]]""")]
    [InlineData("master_capable", false, """[["master_capable","False"],["master_candidate","False"]]""")]
    public async Task NodeSetParams_DemotingACandidate_AnswersTheChangesAndPromotesAnother(string flag, bool value, string changes)
    {
        var op = Op("OP_NODE_SET_PARAMS", new { node_name = "node3", auto_promote = true });
        op[flag] = value;

        var (status, result) = await Run(op);

        status.Should().Be("success");
        result!.ToJsonString().Should().Be(changes);
        var roles = (await _sim.Call("QueryNodes", new JsonArray("node3", "node4"), new JsonArray("name", "master_candidate"), false))!.AsArray()
            .ToDictionary(r => r![0]!.GetValue<string>(), r => r![1]!.GetValue<bool>());
        roles.Should().Equal(new Dictionary<string, bool> { ["node3.example.com"] = false, ["node4.example.com"] = true });
    }

    [Fact]
    public async Task NodeSetParams_CandidatePool_FollowsGanetisRoleRules()
    {
        async Task<(string Result, List<string> Log)> SetNode(object args)
        {
            var id = (await _sim.Call("SubmitJob", new JsonArray(Op("OP_NODE_SET_PARAMS", args))))!.GetValue<long>();
            (await _sim.WaitForJobAsync(id)).Should().Be("success");
            var job = (await _sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult", "oplog")))![0]!;
            return (job[0]![0]!.ToJsonString(), [.. job[1]![0]!.AsArray().Select(e => e![3]!.GetValue<string>())]);
        }

        async Task<string> Role(string node) =>
            (await _sim.Call("QueryNodes", new JsonArray(node), new JsonArray("role"), false))![0]![0]!.GetValue<string>();

        // Unsetting a flag that is not set changes nothing.
        var ignored = await SetNode(new { node_name = "node4", master_candidate = false });
        ignored.Result.Should().Be("[]");
        ignored.Log.Should().Contain(" - INFO: Ignoring request to unset flag master_candidate, already unset");

        // With node4 no longer able to be a candidate, node3 may step down, and stays down.
        (await SetNode(new { node_name = "node4", master_capable = false })).Result.Should().Be("""[["master_capable","False"]]""");
        (await SetNode(new { node_name = "node3", master_candidate = false })).Result.Should().Be("""[["master_candidate","False"]]""");
        (await Role("node3")).Should().Be("R");

        // node4 becoming master capable again finds the pool short and promotes itself.
        var capable = await SetNode(new { node_name = "node4", master_capable = true });
        capable.Result.Should().Be("""[["master_capable","True"],["master_candidate","True"]]""");
        capable.Log.Should().Contain(" - INFO: Auto-promoting node to master candidate");

        // Draining node4 with auto_promote promotes node3, never node4 itself; undraining node4 promotes it again.
        var drained = await SetNode(new { node_name = "node4", drained = true, auto_promote = true });
        drained.Result.Should().Be("""[["master_candidate","False"],["drained","True"]]""");
        drained.Log.Should().Contain(" - INFO: Promoted nodes to master candidate role: node3.example.com");
        (await Role("node3")).Should().Be("C");
        (await Role("node4")).Should().Be("D");
        (await SetNode(new { node_name = "node4", drained = false })).Result.Should().Be("""[["master_candidate","True"],["drained","False"]]""");
    }

    [Fact]
    public async Task Groups_AddRenameRemove_WithGanetiChecks()
    {
        (await Run(Op("OP_GROUP_ADD", new { group_name = "rapigroup", alloc_policy = "last_resort" }))).Status.Should().Be("success");
        (await Run(Op("OP_GROUP_ADD", new { group_name = "rapigroup" }))).Result![1]![1]!.GetValue<string>().Should().Be("already_exists");
        var renamed = await Run(Op("OP_GROUP_RENAME", new { group_name = "rapigroup", new_name = "renamed" }));
        renamed.Result!.GetValue<string>().Should().Be("renamed");
        (await Run(Op("OP_GROUP_REMOVE", new { group_name = "group2" }))).Result![1]![0]!.GetValue<string>().Should().StartWith("Group 'group2' not empty");
        (await Run(Op("OP_GROUP_REMOVE", new { group_name = "renamed" }))).Status.Should().Be("success");
        (await Run(Op("OP_GROUP_REMOVE", new { group_name = "renamed" }))).Result![1]![1]!.GetValue<string>().Should().Be("unknown_entity");
    }
}

public sealed class InstanceStartupMemoryTests
{
    [Fact]
    public async Task Startup_WithoutTheMemory_IsRefused_WithTheNodesFreeMemory()
    {
        // node4 runs cache1 (2048 MiB); with 3,500 MiB in all and 1,024 for dom0, 428 MiB are free: batch1's 512 MiB do not fit.
        await using var sim = new SimulatorFixture(prepare: state => state.Nodes.Values.Single(n => n.Name.StartsWith("node4.", StringComparison.Ordinal)).MemoryTotal = 3500);
        var mfree = (await sim.Call("QueryNodes", new JsonArray("node4"), new JsonArray("mfree"), false))![0]![0]!.GetValue<long>();
        var id = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_STARTUP", ["instance_name"] = "batch1" })))!.GetValue<long>();

        (await sim.WaitForJobAsync(id)).Should().Be("error");
        var error = (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]!;

        mfree.Should().Be(3500 - 1024 - 2048);
        error.ToJsonString().Should().Be(
            $$"""["OpPrereqError",["Not enough memory on node node4.example.com for starting instance batch1.example.com: needed 512 MiB, available {{mfree}} MiB","insufficient_resources"]]""");
    }
}

public sealed class InstanceQueryDataNodeStateTests
{
    [Fact]
    public async Task OfflinePrimary_GivesStaticDataWithAWarning_AndStoppedDrbdIsNotActive()
    {
        await using var sim = new SimulatorFixture(prepare: state =>
        {
            state.Nodes.Values.Single(n => n.Name.StartsWith("node4.", StringComparison.Ordinal)).Offline = true;
            var web1 = state.Instances.Values.Single(i => i.Name.StartsWith("web1.", StringComparison.Ordinal));
            web1.AdminState = Domain.Instances.AdminState.Down;
            web1.Running = false;
        });
        var id = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_QUERY_DATA", ["instances"] = new JsonArray("cache1", "web1") })))!.GetValue<long>();
        (await sim.WaitForJobAsync(id)).Should().Be("success");
        var job = (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("oplog", "opresult")))![0]!;
        var data = job[1]![0]!;

        job[0]![0]!.AsArray().Select(e => e![3]!.GetValue<string>()).Should().Contain(
            " - WARNING: Primary node node4.example.com is marked offline, returning static information only for instance cache1.example.com");
        data["cache1.example.com"]!["run_state"].Should().BeNull();
        data["cache1.example.com"]!["disks"]![0]!["pstatus"].Should().BeNull();
        var web1 = data["web1.example.com"]!;
        web1["run_state"]!.GetValue<string>().Should().Be("down");
        web1["disks"]![0]!["pstatus"].Should().BeNull("a stopped instance's DRBD device is not set up");
        web1["disks"]![0]!["children"]![0]!["pstatus"].Should().NotBeNull("its logical volumes exist");
    }
}

public sealed class OsDiagnoseHiddenTests
{
    [Fact]
    public async Task HiddenAndBlacklistedOses_AreLeftOut_UnlessTheirFieldIsAsked()
    {
        await using var sim = new SimulatorFixture(prepare: state =>
        {
            state.Cluster.Parameters["hidden_os"] = new JsonArray("debootstrap");
            state.OperatingSystems.Add(new State.OsDefinition { Name = "custom", Parameters = [new State.OsParameter("size", "Root size")] });
            state.Cluster.Parameters["blacklisted_os"] = new JsonArray("custom");
        });

        async Task<string> Diagnose(params string[] fields)
        {
            var id = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_OS_DIAGNOSE", ["output_fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]) })))!.GetValue<long>();
            (await sim.WaitForJobAsync(id)).Should().Be("success");
            return (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]!.ToJsonString();
        }

        (await Diagnose("name")).Should().Be("""[["noop"]]""");
        (await Diagnose("name", "hidden")).Should().Be("""[["debootstrap",true],["noop",false]]""");
        (await Diagnose("name", "blacklisted", "parameters")).Should().Be("""[["custom",true,[["size","Root size"]]],["noop",false,[]]]""");

        // The seeded list is part of the stored config.
        await sim.RestartAsync();
        (await Diagnose("name", "hidden", "blacklisted")).Should().Be("""[["custom",false,true],["debootstrap",true,false],["noop",false,false]]""");
    }
}

public sealed class TestDelayTests
{
    [Fact]
    public async Task ZeroDuration_FailsLikeGaneti()
    {
        await using var sim = new SimulatorFixture();
        var id = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = 0 })))!.GetValue<long>();

        (await sim.WaitForJobAsync(id)).Should().Be("error");
        (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]!.ToJsonString()
            .Should().Be("""["OpPrereqError",["Duration must be greater than zero"]]""");
    }
}
