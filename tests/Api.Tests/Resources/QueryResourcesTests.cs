using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary><c>/2/query/R</c> and <c>/2/query/R/fields</c>: Query2 through RAPI.</summary>
public sealed class QueryResourcesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Reader => RapiTestClient.For(factory, RapiTestClient.Reader);

    [Fact]
    public async Task Get_FieldsWithSpaces_AnswersDefinitionsAndRows()
    {
        var result = (await Reader.OkAsync(HttpMethod.Get, "/2/query/instance?fields=name,%20status,%09pnode"))!.AsObject();

        result.Select(p => p.Key).Should().Equal(["data", "fields"], "Ganeti's RAPI writes a query result data first");
        result["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Should().Equal("name", "status", "pnode");
        result["fields"]![0]!.AsObject().Select(p => p.Key).Should().Equal("name", "title", "kind", "doc");
        var rows = result["data"]!.AsArray();
        rows.Should().HaveCountGreaterThanOrEqualTo(6);
        rows.Should().AllSatisfy(r => r!.AsArray().Should().AllSatisfy(cell => cell![0]!.GetValue<int>().Should().Be(0)));
    }

    [Fact]
    public async Task Get_UnknownField_ComesBackUnknown()
    {
        var result = await Reader.OkAsync(HttpMethod.Get, "/2/query/node?fields=name,nosuchfield");

        result!["fields"]![1]!["kind"]!.GetValue<string>().Should().Be("unknown");
        result["data"]![0]![1]!.ToJsonString().Should().Be("[1,null]");
    }

    [Fact]
    public async Task Get_NoFields_Is400()
    {
        var answer = await Reader.GetAsync("/2/query/instance");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be("Missing 'fields' query argument");
    }

    [Fact]
    public async Task Put_WithQfilter_FiltersRows()
    {
        var result = await Reader.OkAsync(HttpMethod.Put, "/2/query/instance", """{"fields": ["name", "admin_state"], "qfilter": ["=", "admin_state", "down"]}""");

        var names = result!["data"]!.AsArray().Select(r => r![0]![1]!.GetValue<string>()).ToList();
        names.Should().Equal("batch1.example.com");
    }

    [Fact]
    public async Task Put_LegacyFilterAndFieldsFromTheQueryString()
    {
        var result = await Reader.OkAsync(HttpMethod.Put, "/2/query/group?fields=name", """{"filter": ["=", "name", "group2"]}""");

        result!["data"]!.AsArray().Should().ContainSingle().Which![0]![1]!.GetValue<string>().Should().Be("group2");
    }

    [Theory]
    [InlineData(null, "Body contents: Type is 'NoneType', but 'dict' is expected")]
    [InlineData("[]", "Body contents: Type is 'list', but 'dict' is expected")]
    [InlineData("{}", "Missing 'fields' query argument")]
    [InlineData("""{"fields": "name"}""", "The 'fields' parameter should be a list")]
    public async Task Put_BadBody_Is400(string? body, string message)
    {
        var answer = await Reader.PutAsync("/2/query/instance", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("GET", "/2/query/nosuch?fields=name")]
    [InlineData("PUT", "/2/query/nosuch")]
    [InlineData("GET", "/2/query/nosuch/fields")]
    public async Task UnknownResource_Is404(string method, string uri)
    {
        var answer = await Reader.SendAsync(new HttpMethod(method), uri, method == "PUT" ? """{"fields": ["name"]}""" : null);

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Message.Should().Be("Unknown query resource 'nosuch'");
    }

    [Fact]
    public async Task Fields_AllOrSome_Anonymous()
    {
        var anonymous = RapiTestClient.For(factory);
        var all = (await anonymous.OkAsync(HttpMethod.Get, "/2/query/network/fields"))!["fields"]!.AsArray();
        all.Select(f => f!["name"]!.GetValue<string>()).Should().Contain(["name", "network", "free_count"]);

        var some = (await anonymous.OkAsync(HttpMethod.Get, "/2/query/instance/fields?fields=name,status,nosuch"))!["fields"]!.AsArray();
        some.Select(f => f!["kind"]!.GetValue<string>()).Should().Equal("text", "text", "unknown");
    }

    [Theory]
    [InlineData("job", "id")]
    [InlineData("filter", "uuid")]
    [InlineData("lock", "name")]
    [InlineData("export", "node")]
    [InlineData("network", "name")]
    public async Task Get_EveryResourceRapiOffers(string resource, string field) =>
        (await Reader.OkAsync(HttpMethod.Get, $"/2/query/{resource}?fields={field}"))!["fields"]![0]!["name"]!.GetValue<string>().Should().Be(field);

    [Fact]
    public async Task Get_NeedsReadOrWrite()
    {
        (await RapiTestClient.For(factory).GetAsync("/2/query/instance?fields=name")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await RapiTestClient.For(factory, RapiTestClient.Plain).GetAsync("/2/query/instance?fields=name")).Status.Should().Be(HttpStatusCode.Forbidden);
    }
}
