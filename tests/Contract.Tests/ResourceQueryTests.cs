using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;

namespace Ganeti.Contract.Tests;

/// <summary>Instances, nodes, groups and networks: the classic queries and Query/QueryFields.</summary>
[Collection(RealGanetiCollection.Name)]
public sealed class ResourceQueryTests(RealGanetiFixture real)
{
    private static readonly string[] InstanceFields =
        ["name", "status", "admin_state", "oper_state", "pnode", "disk_template", "be/maxmem", "nic.links", "tags"];

    [Fact]
    public async Task QueryInstances_AllNames_SampleInstancesWithTheirState()
    {
        var rows = await real.Queries.QueryInstancesAsync([], InstanceFields, false, CancellationToken.None);

        var byName = rows.Select(r => r.ToObject(InstanceFields)).ToDictionary(o => o["name"]!.GetValue<string>());
        byName.Keys.Should().Contain(["inst1.ganeti.test", "inst2.ganeti.test", "inst3.ganeti.test"]);
        var inst1 = byName["inst1.ganeti.test"];
        inst1["status"]!.GetValue<string>().Should().Be("running");
        inst1["admin_state"]!.GetValue<string>().Should().Be("up");
        inst1["oper_state"]!.GetValue<bool>().Should().BeTrue();
        inst1["pnode"]!.GetValue<string>().Should().Be(RealGanetiFixture.Master);
        inst1["disk_template"]!.GetValue<string>().Should().Be("diskless");
        inst1["be/maxmem"]!.GetValue<int>().Should().Be(128);
        inst1["nic.links"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("gntbr0");
        inst1["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain("app:web");
        var inst3 = byName["inst3.ganeti.test"];
        inst3["status"]!.GetValue<string>().Should().Be("ADMIN_down");
        inst3["admin_state"]!.GetValue<string>().Should().Be("down");
        inst3["oper_state"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task QueryInstances_ShortAndUnknownNames_ExpandedOrLeftOut()
    {
        var shortName = await real.Queries.QueryInstancesAsync(["inst2"], ["name"], false, CancellationToken.None);
        var unknown = await real.Queries.QueryInstancesAsync(["nosuch.ganeti.test"], ["name"], false, CancellationToken.None);

        shortName.Should().ContainSingle().Which.Values[0]!.GetValue<string>().Should().Be("inst2.ganeti.test");
        unknown.Should().BeEmpty("luxid leaves unknown names out of a classic query instead of failing");
    }

    [Fact]
    public async Task QueryNodes_TheOneNode_IsMasterWithTheSampleInstances()
    {
        string[] fields = ["name", "role", "pip", "sip", "master_candidate", "offline", "pinst_list", "group", "mtotal", "tags"];

        var rows = await real.Queries.QueryNodesAsync([], fields, false, CancellationToken.None);

        var node = rows.Should().ContainSingle().Which.ToObject(fields);
        node["name"]!.GetValue<string>().Should().Be(RealGanetiFixture.Master);
        node["role"]!.GetValue<string>().Should().Be("M");
        node["pip"]!.GetValue<string>().Should().Be("198.51.100.10");
        node["sip"]!.GetValue<string>().Should().Be("198.51.100.10");
        node["master_candidate"]!.GetValue<bool>().Should().BeTrue();
        node["offline"]!.GetValue<bool>().Should().BeFalse();
        node["pinst_list"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Contain(["inst1.ganeti.test", "inst2.ganeti.test", "inst3.ganeti.test"]);
        node["group"]!.GetValue<string>().Should().Be("default");
        node["mtotal"]!.GetValue<long>().Should().BePositive("the fake hypervisor reports the host's memory in MiB");
        node["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain("rack:r1");
    }

    [Fact]
    public async Task QueryGroups_Default_HoldsTheNode()
    {
        var rows = (await real.CallAsync("QueryGroups", new JsonArray(), new JsonArray("name", "uuid", "node_cnt", "node_list", "alloc_policy"), false))!.AsArray();

        var group = rows.Should().ContainSingle().Which!.AsArray();
        group[0]!.GetValue<string>().Should().Be("default");
        Guid.TryParse(group[1]!.GetValue<string>(), out _).Should().BeTrue();
        group[2]!.GetValue<int>().Should().Be(1);
        group[3]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(RealGanetiFixture.Master);
        group[4]!.GetValue<string>().Should().Be("preferred");
    }

    [Fact]
    public async Task QueryNetworks_Net1_ConnectedToDefaultGroup()
    {
        var rows = (await real.CallAsync("QueryNetworks", new JsonArray(), new JsonArray("name", "network", "gateway", "group_list", "free_count"), false))!.AsArray();

        var net = rows.Should().ContainSingle(r => r![0]!.GetValue<string>() == "net1").Which!.AsArray();
        net[1]!.GetValue<string>().Should().Be("203.0.113.0/24");
        net[2]!.GetValue<string>().Should().Be("203.0.113.1");
        JsonNode.DeepEquals(net[3], new JsonArray(new JsonArray("default", "bridged", "gntbr0", ""))).Should().BeTrue($"group_list was {net[3]!.ToJsonString()}");
        net[4]!.GetValue<int>().Should().BeInRange(1, 255);
    }

    [Fact]
    public async Task Query_InstancesWithStatusFilter_OnlyRunningOnesWithFieldDefinitions()
    {
        var result = (await real.CallAsync("Query", "instance", new JsonArray("name", "status"), new JsonArray("==", "status", "running")))!.AsObject();

        var fields = result["fields"]!.AsArray();
        fields.Select(f => f!["name"]!.GetValue<string>()).Should().Equal("name", "status");
        fields[0]!["kind"]!.GetValue<string>().Should().Be("text");
        fields[0]!["title"]!.GetValue<string>().Should().Be("Instance");
        var data = result["data"]!.AsArray();
        data.Should().OnlyContain(row => row![0]![0]!.GetValue<int>() == 0 && row[1]![1]!.GetValue<string>() == "running");
        var names = data.Select(row => row![0]![1]!.GetValue<string>()).ToList();
        names.Should().Contain(["inst1.ganeti.test", "inst2.ganeti.test"]).And.NotContain("inst3.ganeti.test");
    }

    [Fact]
    public async Task Query_NodeWithUnknownField_UnknownStatusInsteadOfError()
    {
        var result = (await real.CallAsync("Query", "node", new JsonArray("name", "role", "nosuch"), null))!.AsObject();

        result["fields"]![2]!["kind"]!.GetValue<string>().Should().Be("unknown");
        var row = result["data"]!.AsArray().Should().ContainSingle().Which!.AsArray();
        row[0]!.ToJsonString().Should().Be($"[0,\"{RealGanetiFixture.Master}\"]");
        row[1]!.ToJsonString().Should().Be("[0,\"M\"]");
        row[2]!.ToJsonString().Should().Be("[1,null]", "status 1 is RS_UNKNOWN");
    }

    [Fact]
    public async Task Query_FilterOnUnknownField_IsParameterError()
    {
        var act = () => real.CallAsync("Query", "instance", new JsonArray("name"), new JsonArray("==", "nosuch", "x"));

        var error = (await act.Should().ThrowAsync<GanetiErrorException>()).Which;
        error.ErrorClass.Should().Be("ParameterError");
        error.Message.Should().Be("Can't find field named 'nosuch'");
    }

    [Fact]
    public async Task QueryFields_SomeInstanceFields_DescribedInOrderUnknownMarked()
    {
        var result = (await real.CallAsync("QueryFields", "instance", new JsonArray("name", "be/maxmem", "nosuch")))!.AsObject();

        var fields = result["fields"]!.AsArray().Select(f => f!.AsObject()).ToList();
        fields.Select(f => f["name"]!.GetValue<string>()).Should().Equal("name", "be/maxmem", "nosuch");
        fields.Select(f => f["kind"]!.GetValue<string>()).Should().Equal("text", "unit", "unknown");
        fields.Should().OnlyContain(f => f.ContainsKey("title") && f.ContainsKey("doc"));
    }

    [Fact]
    public async Task QueryFields_AllJobFields_SortedByName()
    {
        var result = (await real.CallAsync("QueryFields", "job", null))!.AsObject();

        var names = result["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        names.Should().Contain(["id", "status", "ops", "opresult", "summary", "archived", "received_ts"]);
        names.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task QueryRow_ToObject_MatchesFieldOrderOfRealAnswer()
    {
        string[] fields = ["name", "pnode"];

        var rows = await real.Queries.QueryInstancesAsync(["inst1.ganeti.test"], fields, false, CancellationToken.None);

        rows.Should().ContainSingle().Which.Should().BeOfType<QueryRow>()
            .Which.ToObject(fields).ToJsonString().Should().Be($"{{\"name\":\"inst1.ganeti.test\",\"pnode\":\"{RealGanetiFixture.Master}\"}}");
    }
}
