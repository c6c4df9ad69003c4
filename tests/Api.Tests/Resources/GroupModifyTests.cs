using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Changing a node group's parameters and moving nodes between groups.</summary>
public sealed class GroupModifyTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Error(JsonObject job) => job["opresult"]![0]![1]![0]!.GetValue<string>();

    [Fact]
    public async Task Modify_PolicyAndParameters_ReadBack()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/group2/modify",
            """{"alloc_policy": "last_resort", "custom_ndparams": {"spindle_count": "2"}, "ipolicy": {"vcpu-ratio": 3}, "diskparams": {"drbd": {"resync-rate": 2048}}}""");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        job["summary"]![0]!.GetValue<string>().Should().Be("GROUP_SET_PARAMS(group2)");
        job["opresult"]![0]!.ToJsonString(Plain).Should().Be("""[["ndparams","{'spindle_count': 2}"],["diskparams","{'drbd': {'resync-rate': 2048}}"]]""");
        var group = (await Admin.OkAsync(HttpMethod.Get, "/2/groups/group2"))!;
        group["alloc_policy"]!.GetValue<string>().Should().Be("last_resort");
        group["custom_ndparams"]!.ToJsonString().Should().Be("""{"spindle_count":2}""");
        group["ndparams"]!["spindle_count"]!.GetValue<int>().Should().Be(2);
        group["custom_ipolicy"]!["vcpu-ratio"]!.GetValue<double>().Should().Be(3.0);
        group["ipolicy"]!["vcpu-ratio"]!.GetValue<double>().Should().Be(3.0);
        group["custom_diskparams"]!["drbd"]!["resync-rate"]!.GetValue<int>().Should().Be(2048);

        var reset = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/group2/modify",
            """{"alloc_policy": "preferred", "ndparams": {"spindle_count": "default"}, "ipolicy": {"vcpu-ratio": "default"}}""");
        reset["status"]!.GetValue<string>().Should().Be("success", reset.ToJsonString());
        group = (await Admin.OkAsync(HttpMethod.Get, "/2/groups/group2"))!;
        group["alloc_policy"]!.GetValue<string>().Should().Be("preferred");
        group["custom_ndparams"]!.ToJsonString().Should().Be("{}");
        group["custom_ipolicy"]!.ToJsonString().Should().Be("{}");
    }

    [Theory]
    [InlineData("{}", "Please pass at least one modification")]
    [InlineData("""{"ndparams": {"nosuch": 1}}""", "Unknown parameter 'nosuch'")]
    [InlineData("""{"ipolicy": {"std": {"cpu-count": 1}}}""", "std cannot appear in group instance specs")]
    [InlineData("""{"ipolicy": {"nosuch": 1}}""", "Invalid key in new ipolicy: nosuch")]
    [InlineData("""{"ipolicy": {"vcpu-ratio": "many"}}""", "Invalid value for attribute 'vcpu-ratio': 'many', error: could not convert string to float: 'many'")]
    [InlineData("""{"ipolicy": {"disk-templates": ["sharedfile"]}}""", "The following disk templates are allowed by the ipolicy, but not enabled on the cluster: sharedfile")]
    [InlineData("""{"diskparams": {"plain": {"access": "sideways"}}}""", "Invalid value of 'plain:access': 'sideways' (expected one of kernelspace, userspace)")]
    [InlineData("""{"hv_state": {"vmware": {"mem_total": 1}}}""", "Invalid hypervisor(s) in hypervisor state: vmware")]
    [InlineData("""{"disk_state": {"file": {"x": {"disk_total": 1}}}}""", "Invalid storage type(s) in disk state: file")]
    public async Task Modify_Refusals_LikeGaneti(string body, string message)
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/group2/modify", body);

        job["status"]!.GetValue<string>().Should().Be("error");
        Error(job).Should().Be(message);
    }

    [Theory]
    [InlineData("""{"alloc_policy": "sometimes"}""", "Invalid body parameters: (\"Parameter 'OP_GROUP_SET_PARAMS.alloc_policy' fails validation\", 'wrong_input')")]
    [InlineData("""{"ndparams": {}, "custom_ndparams": {}}""", "Parameter 'custom_ndparams' was renamed to 'ndparams', but both are specified")]
    [InlineData("""{"diskparams": {"nosuch": {}}}""", "Invalid body parameters: (\"Parameter 'OP_GROUP_SET_PARAMS.diskparams' fails validation\", 'wrong_input')")]
    public async Task Modify_BadBody_Is400(string body, string message)
    {
        var answer = await Admin.PutAsync("/2/groups/group2/modify", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Modify_UnknownGroup_JobFails()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/nosuch/modify", """{"alloc_policy": "preferred"}""");

        Error(job).Should().Be("Node group 'nosuch' not found");
    }

    private async Task<string> GroupUuid(string name) => (await Admin.OkAsync(HttpMethod.Get, $"/2/groups/{name}"))!["uuid"]!.GetValue<string>();

    [Fact]
    public async Task AssignNodes_MovesANodeThereAndBack()
    {
        var there = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/group2/assign-nodes", """{"nodes": ["node3"]}""");

        there["status"]!.GetValue<string>().Should().Be("success", there.ToJsonString());
        there["ops"]![0]!["nodes"]!.ToJsonString().Should().Be("""["node3.example.com"]""");
        there["opresult"]![0].Should().BeNull();
        (await Admin.OkAsync(HttpMethod.Get, "/2/nodes/node3"))!["group.uuid"]!.GetValue<string>().Should().Be(await GroupUuid("group2"));
        (await Admin.OkAsync(HttpMethod.Get, "/2/groups/group2"))!["node_list"]!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo("node3.example.com", "node4.example.com");

        var back = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/default/assign-nodes", """{"nodes": ["node3.example.com"]}""");
        back["status"]!.GetValue<string>().Should().Be("success");
        (await Admin.OkAsync(HttpMethod.Get, "/2/nodes/node3"))!["group.uuid"]!.GetValue<string>().Should().Be(await GroupUuid("default"));
        (await Admin.OkAsync(HttpMethod.Get, "/2/groups/group2"))!["node_list"]!.ToJsonString().Should().Be("""["node4.example.com"]""");
    }

    [Fact]
    public async Task AssignNodes_SplittingDrbdInstances_NeedsForce()
    {
        var refused = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/group2/assign-nodes", """{"nodes": ["node2"]}""");

        refused["status"]!.GetValue<string>().Should().Be("error");
        refused["opresult"]![0]!.ToJsonString(Plain).Should().Be(
            """["OpExecError",["The following instances get split by this change and --force was not given: db1.example.com, web1.example.com, web2.example.com"]]""");
        (await Admin.OkAsync(HttpMethod.Get, "/2/groups/group2"))!["node_list"]!.ToJsonString().Should().Be("""["node4.example.com"]""");

        var dry = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/group2/assign-nodes?force=1&dry-run=1", """{"nodes": ["node2"]}""");
        dry["status"]!.GetValue<string>().Should().Be("success", dry.ToJsonString());
        dry["ops"]![0]!["force"]!.GetValue<bool>().Should().BeTrue();
        dry["oplog"]![0]!.AsArray().Select(l => l![3]!.GetValue<string>()).Should().Contain(
            " - WARNING: This operation will split the following instances: db1.example.com, web1.example.com, web2.example.com");
        (await Admin.OkAsync(HttpMethod.Get, "/2/groups/group2"))!["node_list"]!.ToJsonString().Should().Be("""["node4.example.com"]""", "a dry run changes nothing");
    }

    [Theory]
    [InlineData("{}", "Invalid body parameters: (\"Parameter 'OP_GROUP_ASSIGN_NODES.nodes' fails validation\", 'wrong_input')")]
    [InlineData("""{"nodes": "node3"}""", "Invalid body parameters: (\"Parameter 'OP_GROUP_ASSIGN_NODES.nodes' fails validation\", 'wrong_input')")]
    [InlineData("""{"nodes": ["node3"], "force": true}""", "Can't overwrite static parameters")]
    public async Task AssignNodes_BadBody_Is400(string body, string message)
    {
        var answer = await Admin.PutAsync("/2/groups/group2/assign-nodes", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().StartWith(message);
    }

    [Fact]
    public async Task AssignNodes_UnknownNode_JobFails()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/group2/assign-nodes", """{"nodes": ["nosuch"]}""");

        Error(job).Should().Be("Node 'nosuch' not known");
    }
}
