using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>The five tag resources (cluster, instance, node, node group, network), from one declaration.</summary>
public sealed class TagResourcesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    public static readonly TheoryData<string, string, string> Kinds = new()
    {
        { "/2/tags", "tags", "cluster" },
        { "/2/instances/web1.example.com/tags", "instances_name_tags", "instance" },
        { "/2/nodes/node3.example.com/tags", "nodes_name_tags", "node" },
        { "/2/groups/group2/tags", "groups_name_tags", "nodegroup" },
        { "/2/networks/net1/tags", "networks_name_tags", "network" },
    };

    private RapiTestClient Anonymous => RapiTestClient.For(factory);

    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AddThenDelete_ChangesTheTagsAndNamesTheResourceInTheReasonTrail(string uri, string resource, string kind)
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];

        var added = await Admin.RunJobAsync(HttpMethod.Put, $"{uri}?tag={tag}&tag=second:{tag}&reason=why");

        added["status"]!.GetValue<string>().Should().Be("success", added.ToJsonString());
        var op = added["ops"]![0]!;
        op["OP_ID"]!.GetValue<string>().Should().Be("OP_TAGS_SET");
        op["kind"]!.GetValue<string>().Should().Be(kind);
        op["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal(tag, "second:" + tag);
        op["reason"]!.AsArray().Select(r => r![0]!.GetValue<string>()).Should().Equal("gnt:user", "gnt:library:rlib2:" + resource, "gnt:opcode:tags_set");
        var tags = (await Anonymous.OkAsync(HttpMethod.Get, uri))!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        tags.Should().Contain([tag, "second:" + tag]).And.BeInAscendingOrder(StringComparer.Ordinal);

        var deleted = await Admin.RunJobAsync(HttpMethod.Delete, $"{uri}?tag={tag}&tag=second:{tag}");

        deleted["ops"]![0]!["OP_ID"]!.GetValue<string>().Should().Be("OP_TAGS_DEL");
        deleted["status"]!.GetValue<string>().Should().Be("success");
        (await Anonymous.OkAsync(HttpMethod.Get, uri))!.AsArray().Select(t => t!.GetValue<string>()).Should().NotContain(tag);
    }

    [Fact]
    public async Task Put_DryRun_ChangesNothing()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/tags?tag=dryrun-only&dry-run=1");

        job["ops"]![0]!["dry_run"]!.GetValue<bool>().Should().BeTrue();
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/tags"))!.AsArray().Select(t => t!.GetValue<string>()).Should().NotContain("dryrun-only");
    }

    [Fact]
    public async Task Put_IgnoresTheBody_ButTakesItsDepends()
    {
        var first = await Admin.OkAsync(HttpMethod.Put, "/2/tags?tag=first-of-two");
        var body = new JsonObject { ["tags"] = new JsonArray("from-body"), ["depends"] = new JsonArray(new JsonArray(first!.GetValue<long>(), new JsonArray("success"))) };

        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/tags?tag=second-of-two", body.ToJsonString());

        var op = job["ops"]![0]!;
        op["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("second-of-two");
        op["depends"]![0]![0]!.GetValue<long>().Should().Be(first.GetValue<long>());
    }

    [Fact]
    public async Task Put_NoTag_IsAnEmptyJob()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web1/tags");

        job["status"]!.GetValue<string>().Should().Be("success");
        job["ops"]![0]!["tags"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task InvalidTag_FailsTheJobWithTagError()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/tags?tag=bad%20tag");

        job["status"]!.GetValue<string>().Should().Be("error");
        job["opresult"]![0]![0]!.GetValue<string>().Should().Be("TagError");
    }

    [Theory]
    [InlineData("/2/instances/nosuch.example.com/tags")]
    [InlineData("/2/nodes/nosuch/tags")]
    [InlineData("/2/groups/nosuch/tags")]
    [InlineData("/2/networks/nosuch/tags")]
    public async Task Get_UnknownObject_Is404(string uri) =>
        (await Anonymous.GetAsync(uri)).Status.Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task Put_DryRunNotAnInteger_Is400()
    {
        var answer = await Admin.PutAsync("/2/tags?tag=x&dry-run=maybe");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be("Invalid value for the 'dry-run' parameter");
    }
}
