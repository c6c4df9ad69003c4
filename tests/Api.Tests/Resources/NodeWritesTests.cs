using System.Net;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Node roles and node modification.</summary>
public sealed class NodeWritesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    [Theory]
    [InlineData("\"drained\"", null, null, true)]
    [InlineData("\"offline\"", null, true, null)]
    [InlineData("\"master-candidate\"", true, null, null)]
    [InlineData("\"regular\"", false, false, false)]
    public async Task Role_SetsGanetisFlags(string role, bool? candidate, bool? offline, bool? drained)
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node3/role?dry-run=1&force=1&auto-promote=1", role);

        var op = job["ops"]![0]!;
        op["OP_ID"]!.GetValue<string>().Should().Be("OP_NODE_SET_PARAMS");
        Flag(op["master_candidate"]).Should().Be(candidate);
        Flag(op["offline"]).Should().Be(offline);
        Flag(op["drained"]).Should().Be(drained);
        op["force"]!.GetValue<bool>().Should().BeTrue();
        op["auto_promote"]!.GetValue<bool>().Should().BeTrue();
        op["reason"]![0]![0]!.GetValue<string>().Should().Be("gnt:library:rlib2:nodes_name_role");
    }

    private static bool? Flag(System.Text.Json.Nodes.JsonNode? node) => node?.GetValue<bool>();

    [Fact]
    public async Task Role_DrainedThenRegular_ChangesTheNodesRole()
    {
        (await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node4/role", "\"drained\""))["status"]!.GetValue<string>().Should().Be("success");
        (await Admin.OkAsync(HttpMethod.Get, "/2/nodes/node4/role"))!.GetValue<string>().Should().Be("drained");

        (await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node4/role", "\"regular\""))["status"]!.GetValue<string>().Should().Be("success");

        // Un-draining lets Ganeti promote the node to candidate again if the pool is short.
        (await Admin.OkAsync(HttpMethod.Get, "/2/nodes/node4/role"))!.GetValue<string>().Should().BeOneOf("regular", "master-candidate");
    }

    [Theory]
    [InlineData("\"superstar\"", "Can't set 'superstar' role")]
    [InlineData("\"master\"", "Can't set 'master' role")]
    [InlineData("""{"role": "drained"}""", "Body contents: Type is 'dict', but 'str' is expected")]
    [InlineData(null, "Body contents: Type is 'NoneType', but 'str' is expected")]
    public async Task Role_BadBody_Is400(string? body, string message)
    {
        var answer = await Admin.PutAsync("/2/nodes/node3/role", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Role_OfTheMaster_IsRefusedByTheJob()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node1/role", "\"drained\"");

        job["status"]!.GetValue<string>().Should().Be("error");
        job["opresult"]![0]![1]![1]!.GetValue<string>().Should().Be("wrong_input");
    }

    [Fact]
    public async Task Modify_TakesOpNodeSetParamsBody()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node3/modify", """{"drained": true, "dry_run": true}""");

        job["status"]!.GetValue<string>().Should().Be("success");
        job["ops"]![0]!["drained"]!.GetValue<bool>().Should().BeTrue();
        job["ops"]![0]!["node_name"]!.GetValue<string>().Should().StartWith("node3");
        (await Admin.OkAsync(HttpMethod.Get, "/2/nodes/node3/role"))!.GetValue<string>().Should().NotBe("drained");

        var bad = await Admin.PostAsync("/2/nodes/node3/modify", """{"node_name": "node2"}""");
        bad.Message.Should().Be("Can't overwrite static parameters {'node_name'}");
    }
}
