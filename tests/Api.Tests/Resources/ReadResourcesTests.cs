using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>The list and single-object reads of groups, networks and nodes, and the instance reads that are not lists.</summary>
public sealed class ReadResourcesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private static readonly string[] GroupFields =
    [
        "alloc_policy", "name", "node_cnt", "node_list", "ipolicy", "custom_ipolicy", "diskparams", "custom_diskparams", "ndparams", "custom_ndparams",
        "ctime", "mtime", "uuid", "serial_no", "tags",
    ];

    private static readonly string[] NetworkFields =
    [
        "name", "network", "gateway", "network6", "gateway6", "mac_prefix", "free_count", "reserved_count", "map", "group_list", "inst_list", "external_reservations",
        "ctime", "mtime", "uuid", "serial_no", "tags",
    ];

    private RapiTestClient Anonymous => RapiTestClient.For(factory);

    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    [Fact]
    public async Task Groups_IndexBulkAndOne()
    {
        var index = (await Anonymous.OkAsync(HttpMethod.Get, "/2/groups"))!.ToJsonString();
        index.Should().Be("""[{"name":"default","uri":"/2/groups/default"},{"name":"group2","uri":"/2/groups/group2"}]""");

        var bulk = (await Anonymous.OkAsync(HttpMethod.Get, "/2/groups?bulk=1"))!.AsArray();
        bulk.Should().HaveCount(2).And.AllSatisfy(g => g!.AsObject().Select(p => p.Key).Should().Equal(GroupFields));
        bulk[0]!["ipolicy"]!.AsObject().Should().ContainKeys("minmax", "std", "disk-templates", "vcpu-ratio", "spindle-ratio");

        var one = (await Anonymous.OkAsync(HttpMethod.Get, "/2/groups/group2"))!.AsObject();
        one.Select(p => p.Key).Should().Equal(GroupFields);
        one["node_list"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("node4.example.com");
        (await Anonymous.OkAsync(HttpMethod.Get, $"/2/groups/{one["uuid"]!.GetValue<string>()}"))!["name"]!.GetValue<string>().Should().Be("group2");
    }

    [Fact]
    public async Task Networks_IndexBulkAndOne()
    {
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/networks"))!.ToJsonString().Should().Be("""[{"name":"net1","uri":"/2/networks/net1"}]""");
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/networks?bulk=1"))!.AsArray().Should().ContainSingle()
            .Which!.AsObject().Select(p => p.Key).Should().Equal(NetworkFields);
        var net = (await Anonymous.OkAsync(HttpMethod.Get, "/2/networks/net1"))!.AsObject();
        net.Select(p => p.Key).Should().Equal(NetworkFields);
        net["free_count"]!.GetValue<int>().Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("/2/groups/nosuch")]
    [InlineData("/2/networks/nosuch")]
    [InlineData("/2/nodes/nosuch.example.com")]
    [InlineData("/2/filters/00000000-0000-0000-0000-000000000000")]
    public async Task UnknownObject_Is404WithGanetiBody(string uri)
    {
        var answer = await Anonymous.GetAsync(uri);

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Text.Should().Be("""{"code":404,"message":"Not Found","explain":"Nothing matches the given URI"}""" + "\n");
    }

    [Fact]
    public async Task Node_One_AddsSecondaryIpAliasAtTheEnd()
    {
        var node = (await Anonymous.OkAsync(HttpMethod.Get, "/2/nodes/node2"))!.AsObject();

        node["name"]!.GetValue<string>().Should().Be("node2.example.com");
        node.Select(p => p.Key).Last().Should().Be("secondary_ip");
        node["secondary_ip"]!.GetValue<string>().Should().Be(node["sip"]!.GetValue<string>());
        node["role"]!.GetValue<string>().Should().Be("C");
    }

    [Fact]
    public async Task Instance_One_HasMemoryAliasInBeparams()
    {
        var instance = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/db1");

        var beparams = instance!["beparams"]!.AsObject();
        beparams.Select(p => p.Key).Last().Should().Be("memory");
        beparams["memory"]!.GetValue<long>().Should().Be(beparams["maxmem"]!.GetValue<long>());
    }

    [Fact]
    public async Task InstanceInfo_SubmitsAQueryDataJobWithTheDetails()
    {
        var job = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/web1/info?static=1");
        var done = await Admin.WaitForJobAsync(job!.GetValue<long>());

        done["status"]!.GetValue<string>().Should().Be("success");
        var op = done["ops"]![0]!;
        op["OP_ID"]!.GetValue<string>().Should().Be("OP_INSTANCE_QUERY_DATA");
        op["static"]!.GetValue<bool>().Should().BeTrue();
        op["instances"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal("web1");
        done["opresult"]![0]!["web1.example.com"]!["disk_template"]!.GetValue<string>().Should().Be("drbd");
    }

    [Fact]
    public async Task InstanceInfo_UnknownInstance_JobFails()
    {
        var job = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/nosuch/info");
        var done = await Admin.WaitForJobAsync(job!.GetValue<long>());

        done["status"]!.GetValue<string>().Should().Be("error");
        done["opresult"]![0]![1]![1]!.GetValue<string>().Should().Be("unknown_entity");
    }

    [Fact]
    public async Task Console_RunningInstance_DescribesIt_StoppedOneIs503()
    {
        var reader = RapiTestClient.For(factory, RapiTestClient.Reader);
        var console = await reader.OkAsync(HttpMethod.Get, "/2/instances/web1/console");
        console!["instance"]!.GetValue<string>().Should().Be("web1.example.com");
        console["kind"]!.GetValue<string>().Should().Be("msg");

        var stopped = await reader.GetAsync("/2/instances/batch1/console");
        stopped.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        stopped.Message.Should().Be("Instance console unavailable");
        (await reader.GetAsync("/2/instances/nosuch/console")).Status.Should().Be(HttpStatusCode.NotFound);
        (await RapiTestClient.For(factory, RapiTestClient.Plain).GetAsync("/2/instances/web1/console")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OperatingSystems_NamesAndBulk()
    {
        var names = (await Anonymous.OkAsync(HttpMethod.Get, "/2/os"))!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        names.Should().Equal("debootstrap+default", "debootstrap+minimal", "noop");

        var bulk = (await Anonymous.OkAsync(HttpMethod.Get, "/2/os?bulk=1"))!.AsArray();
        bulk.Should().AllSatisfy(os => os!.AsObject().Select(p => p.Key).Should().Equal("name", "valid", "variants", "parameters", "api_versions", "blacklisted", "hidden", "trusted"));
    }

    [Fact]
    public async Task NodeStorage_NeedsOutputFieldsAndWriteAccess()
    {
        var missing = await Admin.GetAsync("/2/nodes/node1/storage?storage_type=file");
        missing.Status.Should().Be(HttpStatusCode.BadRequest);
        missing.Message.Should().Be("Missing the required 'output_fields' parameter");

        var badType = await Admin.GetAsync("/2/nodes/node1/storage?storage_type=tape&output_fields=name");
        badType.Status.Should().Be(HttpStatusCode.BadRequest);
        badType.Message.Should().Be("Invalid body parameters: (\"Parameter 'OP_NODE_QUERY_STORAGE.storage_type' fails validation\", 'wrong_input')");

        (await RapiTestClient.For(factory, RapiTestClient.Reader).GetAsync("/2/nodes/node1/storage?output_fields=name")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await Anonymous.GetAsync("/2/nodes/node1/storage?output_fields=name")).Status.Should().Be(HttpStatusCode.Unauthorized);
    }
}
