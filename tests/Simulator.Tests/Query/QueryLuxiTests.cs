using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Luxi;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>Query, QueryFields and the other query calls through the simulator's real LUXI socket.</summary>
public sealed class QueryLuxiTests : IAsyncLifetime
{
    private readonly SimulatorFixture _sim = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("luxi-20-QueryFields-instance-all.txt")]
    [InlineData("luxi-21-QueryFields-node-some.txt")]
    public async Task QueryFields_AnswersExactlyLikeLuxid(string fixture)
    {
        var (request, response) = Fixtures.Luxi(fixture);

        var answer = await Raw(request);

        answer.ToJsonString().Should().Be(response.ToJsonString());
    }

    [Theory]
    [InlineData("luxi-16-Query-instance-filter.txt")]
    [InlineData("luxi-17-Query-node.txt")]
    [InlineData("luxi-18-Query-job.txt")]
    public async Task Query_FieldDefinitions_AreLuxids(string fixture)
    {
        var (request, response) = Fixtures.Luxi(fixture);
        await SubmitJobs(3);

        var answer = await Raw(request);

        answer["success"]!.GetValue<bool>().Should().BeTrue();
        answer["result"]!["fields"]!.ToJsonString().Should().Be(response["result"]!["fields"]!.ToJsonString());
        answer["result"]!["data"]!.AsArray().Should().NotBeEmpty()
            .And.AllSatisfy(row => row!.AsArray().Should().AllSatisfy(cell => cell![0]!.GetValue<int>().Should().Be(0)));
    }

    [Theory]
    [InlineData("054-2-query-instance.txt", "instance")]
    [InlineData("057-2-query-node.txt", "node")]
    [InlineData("058-2-query-group.txt", "group")]
    [InlineData("059-2-query-network.txt", "network")]
    [InlineData("060-2-query-job.txt", "job")]
    [InlineData("061-2-query-filter.txt", "filter")]
    [InlineData("063-2-query-export.txt", "export")]
    public async Task Query_AsRapiAsksIt_HasTheRealFieldDefinitions(string fixture, string resource)
    {
        var fields = Fixtures.RapiRequestedFields(fixture);
        var real = Fixtures.RapiBody(fixture)["fields"]!;

        var answer = (await _sim.Call("Query", resource, Strings(fields), null))!;

        answer["fields"]!.ToJsonString().Should().Be(real.ToJsonString());
    }

    [Fact]
    public async Task Query_FilterOnStatus_KeepsRunningInstances_WithStatusAndValue()
    {
        var answer = (await _sim.Call("Query", "instance", Strings(["name", "status", "oper_ram", "nic.mac/1"]), new JsonArray("=", "status", "running")))!;

        var data = answer["data"]!.AsArray();
        data.Select(r => r![0]![1]!.GetValue<string>()).Should().Equal(
            "cache1.example.com", "db1.example.com", "files1.example.com", "web1.example.com", "web2.example.com");
        data.Should().AllSatisfy(r => r![1]!.ToJsonString().Should().Be("[0,\"running\"]"));
        data.Should().AllSatisfy(r => r![3]!.ToJsonString().Should().Be("[3,null]"));
        data[1]![2]!.ToJsonString().Should().Be("[0,4096]");
    }

    [Fact]
    public async Task Query_UnknownField_IsRsUnknown_WithAnUnknownDefinition()
    {
        var answer = (await _sim.Call("Query", "instance", Strings(["name", "nosuchfield"]), null))!;

        JsonNode.DeepEquals(answer["fields"]![1], JsonNode.Parse("""{"name":"nosuchfield","title":"nosuchfield","kind":"unknown","doc":"Unknown field 'nosuchfield'"}""")).Should().BeTrue();
        answer["data"]!.AsArray().Should().HaveCount(6).And.AllSatisfy(r => r![1]!.ToJsonString().Should().Be("[1,null]"));
    }

    [Fact]
    public async Task Query_OfflineNode_LiveFieldsAreRsOffline()
    {
        lock (_sim.Master.State.Sync)
        {
            _sim.Master.State.Nodes.Values.Single(n => n.Name == "node3.example.com").Offline = true;
        }

        var answer = (await _sim.Call("Query", "node", Strings(["name", "mtotal", "mfree", "dtotal", "ctotal", "offline"]), new JsonArray("?", "offline")))!;

        answer["data"]!.ToJsonString().Should().Be("""[[[0,"node3.example.com"],[4,null],[4,null],[4,null],[4,null],[0,true]]]""");
    }

    [Fact]
    public async Task Query_UnknownResource_IsAParseErrorLikeLuxid()
    {
        var (request, response) = Fixtures.Luxi("luxi-19-Query-badresource.txt");

        var answer = await Raw(request);

        answer.ToJsonString().Should().Be(response.ToJsonString());
    }

    [Fact]
    public async Task Query_BadFilterOperand_IsAParseErrorLikeLuxid()
    {
        var real = Fixtures.RapiBody("066-2-query-instance-PUT-badfilter.txt")["message"]!.GetValue<string>();

        var answer = await Raw(new JsonObject { ["method"] = "Query", ["args"] = new JsonArray("instance", new JsonArray("name"), new JsonArray("~~", "name", "x")) });

        answer["result"]!.GetValue<string>().Should().Be(WebUtility.HtmlDecode(real));
    }

    [Fact]
    public async Task Query_FilterOnUnknownField_IsParameterError()
    {
        var act = () => _sim.Call("Query", "node", Strings(["name"]), new JsonArray("==", "nosuch", "x"));

        var error = (await act.Should().ThrowAsync<GanetiErrorException>()).Which;
        error.ErrorClass.Should().Be("ParameterError");
        error.Message.Should().Be("Can't find field named 'nosuch'");
    }

    [Fact]
    public async Task Query_OnlyNamesInTheFilter_UnknownNameIsUnknownEntity()
    {
        var act = () => _sim.Call("Query", "instance", Strings(["name"]), new JsonArray("|", new JsonArray("==", "name", "web1"), new JsonArray("==", "name", "nosuch")));

        var error = (await act.Should().ThrowAsync<OpPrereqException>()).Which;
        error.Message.Should().Be("Instance name nosuch not found");
        error.Code.Should().Be(Domain.Errors.ErrorCode.NoEntity);
    }

    [Fact]
    public async Task Query_Lock_ListsNoLocks_LikeLuxid()
    {
        var answer = (await _sim.Call("Query", "lock", Strings(["name", "mode", "nosuch"]), JsonNode.Parse("""["=~", "name", "^instance"]""")))!;
        var fields = (await _sim.Call("QueryFields", "lock", null))!;
        var badFilter = () => _sim.Call("Query", "lock", Strings(["name"]), JsonNode.Parse("""["==", "nosuch", 1]"""));

        answer["data"]!.AsArray().Should().BeEmpty();
        answer["fields"]!.AsArray().Select(f => f!["kind"]!.GetValue<string>()).Should().Equal("other", "other", "unknown");
        fields["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Should().Equal("mode", "name", "owner", "pending");
        (await badFilter.Should().ThrowAsync<GanetiErrorException>()).Which.Message.Should().Contain("nosuch");
    }

    [Fact]
    public async Task QueryFields_Subset_KeepsTheRequestedOrder()
    {
        var real = Fixtures.RapiBody("076-2-query-instance-fields-subset.txt");

        var answer = (await _sim.Call("QueryFields", "instance", Strings(["name", "status", "nosuch"])))!;

        answer.ToJsonString().Should().Be(real.ToJsonString());
    }

    [Fact]
    public async Task Query_Os_AndCluster_AreAnswered()
    {
        var os = (await _sim.Call("Query", "os", Strings(["name", "valid", "variants"]), null))!;
        var cluster = (await _sim.Call("Query", "cluster", Strings(["cluster_name", "master_node"]), null))!;

        os["data"]!.ToJsonString().Should().Be("""[[[0,"debootstrap"],[0,true],[0,["default","minimal"]]],[[0,"noop"],[0,true],[0,[]]]]""");
        cluster["data"]!.ToJsonString().Should().Be("""[[[0,"cluster.example.com"],[0,"node1.example.com"]]]""");
    }

    [Fact]
    public async Task Query_Jobs_ByIdFilter_IncludesUnknownIdsAsUnavailable()
    {
        var ids = await SubmitJobs(2);

        var answer = (await _sim.Call("Query", "job", Strings(["id", "status"]), new JsonArray("|", new JsonArray("==", "id", ids[1]), new JsonArray("==", "id", 999))))!;

        answer["data"]!.ToJsonString().Should().Be($"[[[0,{ids[1]}],[0,\"success\"]],[[0,999],[3,null]]]");
    }

    [Fact]
    public async Task QueryGroups_AndQueryNetworks_AreClassicQueries()
    {
        var groups = (await _sim.Call("QueryGroups", new JsonArray(), Strings(["name", "node_cnt", "alloc_policy", "tags"]), false))!;
        var one = (await _sim.Call("QueryGroups", new JsonArray("group2"), Strings(["name", "pinst_cnt"]), false))!;
        var networks = (await _sim.Call("QueryNetworks", new JsonArray(), Strings(["name", "network", "gateway", "group_list", "free_count"]), false))!;
        var unknownField = () => _sim.Call("QueryNetworks", new JsonArray(), Strings(["name", "nosuch"]), false);
        var locking = () => _sim.Call("QueryGroups", new JsonArray(), Strings(["name"]), true);

        groups.ToJsonString().Should().Be("""[["default",3,"preferred",[]],["group2",1,"preferred",["site:b"]]]""");
        one.ToJsonString().Should().Be("""[["group2",2]]""");
        networks.ToJsonString().Should().Be("""[["net1","198.51.100.0/24","198.51.100.1",[["default","bridged","gntbr0",""]],253]]""");
        (await unknownField.Should().ThrowAsync<OpPrereqException>()).WithMessage("Unknown output fields selected: nosuch");
        (await locking.Should().ThrowAsync<OpPrereqException>()).WithMessage("Sync queries are not allowed");
    }

    [Fact]
    public async Task QueryTags_ListsSortedTags_UnknownObjectIsUnknownEntity()
    {
        var cluster = (await _sim.Call("QueryTags", "cluster", ""))!;
        var instance = (await _sim.Call("QueryTags", "instance", "web1"))!;
        var group = (await _sim.Call("QueryTags", "nodegroup", "group2"))!;
        var node = (await _sim.Call("QueryTags", "node", "node4.example.com"))!;
        var network = (await _sim.Call("QueryTags", "network", "net1"))!;
        var unknown = () => _sim.Call("QueryTags", "instance", "nosuch.example.com");

        cluster.ToJsonString().Should().Be("""["env:demo","owner:ops"]""");
        instance.ToJsonString().Should().Be("""["app:web","tier:frontend"]""");
        group.ToJsonString().Should().Be("""["site:b"]""");
        node.ToJsonString().Should().Be("""["rack:r3"]""");
        network.ToJsonString().Should().Be("[]");
        var error = (await unknown.Should().ThrowAsync<OpPrereqException>()).Which;
        error.Message.Should().Be("Instance name nosuch.example.com not found");
        error.Code.Should().Be(Domain.Errors.ErrorCode.NoEntity);
    }

    [Fact]
    public async Task QueryTags_UnknownKind_IsAParseError()
    {
        var answer = await Raw(new JsonObject { ["method"] = "QueryTags", ["args"] = new JsonArray("foo", "x") });

        answer["result"]!.GetValue<string>().Should().Be("Failed to parse request: Cannot convert value '[\"foo\", \"x\"]', error: Invalid string value for type TagKind: \"foo\"");
    }

    [Fact]
    public async Task QueryExports_AndQueryFilters_HaveNoRowsOnAFreshCluster()
    {
        (await _sim.Call("QueryExports", new JsonArray(), false))!.ToJsonString().Should().Be("[]");
        (await _sim.Call("QueryFilters", null, Strings(["uuid", "priority", "action", "predicates", "watermark", "reason_trail"])))!.ToJsonString().Should().Be("[]");
        var unknownNode = () => _sim.Call("QueryExports", new JsonArray("node9"), false);
        (await unknownNode.Should().ThrowAsync<OpPrereqException>()).WithMessage("Node name node9 not found");
    }

    [Fact]
    public async Task QueryFilters_ListsStoredRules_ByUuid()
    {
        lock (_sim.Master.State.Sync)
        {
            _sim.Master.State.FilterRules["d47440ba-9825-49a9-9a0f-479cc024305f"] = new State.FilterRule
            {
                Uuid = "d47440ba-9825-49a9-9a0f-479cc024305f",
                Priority = 100,
                Action = "CONTINUE",
                Watermark = 13,
                Predicates = [new JsonArray("opcode", new JsonArray("==", "OP_ID", "OP_TEST_DELAY"))],
                ReasonTrail = [new JsonArray("gnt:user", "anchor-setup", 1795739695522302208)],
            };
        }

        var all = (await _sim.Call("QueryFilters", null, Strings(["uuid", "priority", "action", "predicates", "watermark"])))!;
        var byUuid = (await _sim.Call("QueryFilters", new JsonArray("d47440ba-9825-49a9-9a0f-479cc024305f"), Strings(["watermark"])))!;
        var other = (await _sim.Call("QueryFilters", new JsonArray("00000000-0000-0000-0000-000000000000"), Strings(["watermark"])))!;

        all.ToJsonString().Should().Be("""[["d47440ba-9825-49a9-9a0f-479cc024305f",100,"CONTINUE",[["opcode",["==","OP_ID","OP_TEST_DELAY"]]],13]]""");
        byUuid.ToJsonString().Should().Be("[[13]]");
        other.ToJsonString().Should().Be("[]");
    }

    [Fact]
    public async Task QueryJobs_EmptyIdList_ListsEveryJob_LikeNull()
    {
        var ids = await SubmitJobs(2);

        var all = (await _sim.Call("QueryJobs", new JsonArray(), Strings(["id"])))!;

        all.ToJsonString().Should().Be($"[[{ids[0]}],[{ids[1]}]]");
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)v)];

    private async Task<long[]> SubmitJobs(int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await _sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = 0.001 })))!.GetValue<long>();
            await _sim.WaitForJobAsync(ids[i]);
        }

        return ids;
    }

    /// <summary>Sends one request envelope and returns the response envelope as is.</summary>
    private async Task<JsonObject> Raw(JsonObject request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(_sim.Master.SocketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var envelope = new JsonObject { ["method"] = request["method"]!.DeepClone(), ["args"] = request["args"]!.DeepClone() };
        await LuxiFrameWriter.WriteFrameAsync(stream, System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString()), CancellationToken.None);
        var frame = await new LuxiFrameReader(stream, 64 * 1024 * 1024).ReadFrameAsync(CancellationToken.None);
        return JsonNode.Parse(frame!)!.AsObject();
    }
}
