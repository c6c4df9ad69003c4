using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary><c>/2/filters</c>: the job queue's filter rules.</summary>
public sealed class FilterResourcesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private static readonly string[] Fields = ["watermark", "priority", "predicates", "action", "reason_trail", "uuid"];

    private RapiTestClient Anonymous => RapiTestClient.For(factory);

    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    [Fact]
    public async Task AddReadReplaceDelete_RoundTrip()
    {
        var uuid = (await Admin.OkAsync(HttpMethod.Post, "/2/filters", """{"priority": 50, "predicates": [["reason", ["=", "source", "nobody"]]], "action": "CONTINUE", "reason": [["me", "test", 0]]}"""))!.GetValue<string>();
        Guid.TryParse(uuid, out _).Should().BeTrue();

        var rule = (await Anonymous.OkAsync(HttpMethod.Get, $"/2/filters/{uuid}"))!.AsObject();
        rule.Select(p => p.Key).Should().Equal(Fields);
        rule["priority"]!.GetValue<int>().Should().Be(50);
        rule["action"]!.GetValue<string>().Should().Be("CONTINUE");
        rule["reason_trail"]![0]![0]!.GetValue<string>().Should().Be("me");
        var index = (await Anonymous.OkAsync(HttpMethod.Get, "/2/filters"))!.AsArray();
        index.Should().ContainSingle(f => f!["uuid"]!.GetValue<string>() == uuid).Which!["uri"]!.GetValue<string>().Should().Be($"/2/filters/{uuid}");
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/filters?bulk=1"))!.AsArray().Should().AllSatisfy(f => f!.AsObject().Select(p => p.Key).Should().Equal(Fields));

        (await Admin.OkAsync(HttpMethod.Put, $"/2/filters/{uuid}", """{"priority": 7, "action": "ACCEPT"}"""))!.GetValue<string>().Should().Be(uuid);
        (await Anonymous.OkAsync(HttpMethod.Get, $"/2/filters/{uuid}"))!["priority"]!.GetValue<int>().Should().Be(7);

        (await Admin.SendAsync(HttpMethod.Delete, $"/2/filters/{uuid}")).Text.Should().Be("null\n");
        (await Anonymous.GetAsync($"/2/filters/{uuid}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_EmptyObject_TakesGanetiDefaults()
    {
        var uuid = (await Admin.OkAsync(HttpMethod.Post, "/2/filters", "{}"))!.GetValue<string>();
        var rule = await Anonymous.OkAsync(HttpMethod.Get, $"/2/filters/{uuid}");
        rule!["priority"]!.GetValue<int>().Should().Be(0);
        rule["action"]!.GetValue<string>().Should().Be("CONTINUE");
        rule["predicates"]!.AsArray().Should().BeEmpty();
        await Admin.OkAsync(HttpMethod.Delete, $"/2/filters/{uuid}");
    }

    [Theory]
    [InlineData("[]", "Invalid body contents, not a dictionary")]
    [InlineData("""{"priority": 1, "colour": "red"}""", "Invalid body parameters: filter rule doesn't support the parameter 'colour'")]
    [InlineData("""{"priority": "high"}""", "'priority' parameter: Type is 'str', but 'int' is expected")]
    [InlineData("""{"predicates": {}}""", "'predicates' parameter: Type is 'dict', but 'list' is expected")]
    [InlineData("""{"reason": "because"}""", "'reason' parameter: Type is 'str', but 'list' is expected")]
    public async Task Post_BadBody_Is400(string body, string message)
    {
        var answer = await Admin.PostAsync("/2/filters", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Post_NoBody_Is400() =>
        (await Admin.PostAsync("/2/filters")).Message.Should().Be("Invalid body contents, not a dictionary");

    [Fact]
    public async Task Post_ActionTheMasterRefuses_Is502()
    {
        var answer = await Admin.PostAsync("/2/filters", """{"priority": 1, "predicates": [], "action": "EXPLODE"}""");

        answer.Status.Should().Be(HttpStatusCode.BadGateway);
        answer.Message.Should().Contain("EXPLODE");
    }

    [Fact]
    public async Task Delete_UnknownRule_Is404() =>
        (await Admin.DeleteAsync("/2/filters/00000000-0000-0000-0000-000000000000")).Status.Should().Be(HttpStatusCode.NotFound);

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task NotAUuid_Is400(string method)
    {
        var answer = await Admin.SendAsync(new HttpMethod(method), "/2/filters/not-a-uuid", "{}");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be("Invalid filter uuid 'not-a-uuid'");
    }
}
