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
        var found = await Run(Op("OP_TAGS_SEARCH", new { pattern = "^(app:(web|db)|rack:r3|env:|site:)" }));
        var invalid = await Run(Op("OP_TAGS_SEARCH", new { pattern = "(" }));

        found.Status.Should().Be("success");
        found.Result!.AsArray().Select(p => $"{p![0]} {p[1]}").Order(StringComparer.Ordinal).Should().Equal(
            "/cluster env:demo",
            "/instances/db1.example.com app:db",
            "/instances/web1.example.com app:web",
            "/instances/web2.example.com app:web",
            "/nodegroup/group2 site:b",
            "/nodes/node4.example.com rack:r3");
        invalid.Status.Should().Be("error");
        invalid.Result![0]!.GetValue<string>().Should().Be("OpPrereqError");
        invalid.Result[1]![0]!.GetValue<string>().Should().StartWith("Invalid search pattern '(': ");
        invalid.Result[1]![1]!.GetValue<string>().Should().Be("wrong_input");
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
    [InlineData("offline", true, """[["offline","True"],["master_candidate","auto-demotion due to offline"]]""")]
    [InlineData("drained", true, """[["drained","True"],["master_candidate","auto-demotion due to drain"]]""")]
    [InlineData("master_capable", false, """[["master_capable","False"],["master_candidate","auto-demotion due to master_capable"]]""")]
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
        var id = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["OP_ID"] = "OP_INSTANCE_STARTUP", ["instance_name"] = "batch1" })))!.GetValue<long>();

        (await sim.WaitForJobAsync(id)).Should().Be("error");
        var error = (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]!;

        mfree.Should().Be(3500 - 1024 - 2048);
        error.ToJsonString().Should().Be(
            $$"""["OpPrereqError",["Not enough memory on node node4.example.com for starting instance batch1.example.com: needed 512 MiB, available {{mfree}} MiB","insufficient_resources"]]""");
    }
}

public sealed class TestDelayTests
{
    [Fact]
    public async Task ZeroDuration_FailsLikeGaneti()
    {
        await using var sim = new SimulatorFixture();
        var id = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = 0 })))!.GetValue<long>();

        (await sim.WaitForJobAsync(id)).Should().Be("error");
        (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]!.ToJsonString()
            .Should().Be("""["OpPrereqError",["Duration must be greater than zero"]]""");
    }
}
