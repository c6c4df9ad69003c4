using System.Net;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Creating, renaming and removing node groups (the worked example of docs/extending.md).</summary>
public sealed class GroupWritesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    [Fact]
    public async Task AddRenameRemove_GroupComesAndGoes()
    {
        var added = await Admin.RunJobAsync(HttpMethod.Post, "/2/groups", """{"name": "rack9", "alloc_policy": "last_resort"}""");
        added["status"]!.GetValue<string>().Should().Be("success", added.ToJsonString());
        added["ops"]![0]!["group_name"]!.GetValue<string>().Should().Be("rack9");
        added["summary"]![0]!.GetValue<string>().Should().Be("GROUP_ADD(rack9)");
        (await Admin.OkAsync(HttpMethod.Get, "/2/groups/rack9"))!["alloc_policy"]!.GetValue<string>().Should().Be("last_resort");

        var renamed = await Admin.RunJobAsync(HttpMethod.Put, "/2/groups/rack9/rename", """{"new_name": "rack10"}""");
        renamed["opresult"]![0]!.GetValue<string>().Should().Be("rack10");
        (await Admin.GetAsync("/2/groups/rack9")).Status.Should().Be(HttpStatusCode.NotFound);

        var removed = await Admin.RunJobAsync(HttpMethod.Delete, "/2/groups/rack10");
        removed["status"]!.GetValue<string>().Should().Be("success");
        (await Admin.GetAsync("/2/groups/rack10")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Add_DryRunAndExistingName()
    {
        (await Admin.RunJobAsync(HttpMethod.Post, "/2/groups?dry-run=1", """{"name": "only-dry"}"""))["ops"]![0]!["dry_run"]!.GetValue<bool>().Should().BeTrue();
        (await Admin.GetAsync("/2/groups/only-dry")).Status.Should().Be(HttpStatusCode.NotFound);

        var existing = await Admin.RunJobAsync(HttpMethod.Post, "/2/groups", """{"name": "group2"}""");
        existing["status"]!.GetValue<string>().Should().Be("error");
        existing["opresult"]![0]![1]![1]!.GetValue<string>().Should().Be("already_exists");
    }

    [Theory]
    [InlineData("""{"name": "a", "group_name": "b"}""", "Parameter 'name' was renamed to 'group_name', but both are specified")]
    [InlineData("""{"alloc_policy": "sometimes", "name": "a"}""", "Invalid body parameters: (\"Parameter 'OP_GROUP_ADD.alloc_policy' fails validation\", 'wrong_input')")]
    [InlineData("{}", "Invalid body parameters: (\"Parameter 'OP_GROUP_ADD.group_name' fails validation\", 'wrong_input')")]
    public async Task Add_BadBody_Is400(string body, string message)
    {
        var answer = await Admin.PostAsync("/2/groups", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Remove_GroupWithNodes_JobFailsWithWrongState()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Delete, "/2/groups/group2");

        job["status"]!.GetValue<string>().Should().Be("error");
        job["opresult"]![0]![1]![0]!.GetValue<string>().Should().Contain("not empty");
        job["opresult"]![0]![1]![1]!.GetValue<string>().Should().Be("wrong_state");
    }

    [Fact]
    public async Task Remove_IgnoresTheBody()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Delete, "/2/groups/nosuch", """{"group_name": "group2", "force": true}""");

        job["ops"]![0]!["group_name"]!.GetValue<string>().Should().Be("nosuch");
        job["opresult"]![0]![1]![1]!.GetValue<string>().Should().Be("unknown_entity");
    }
}
