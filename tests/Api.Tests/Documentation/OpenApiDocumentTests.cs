using System.Net;
using System.Text.Json.Nodes;
using Ganeti.Api.Documentation;
using Ganeti.Api.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Ganeti.Api.Tests.Documentation;

/// <summary>
/// The OpenAPI 3.1 document at <c>/openapi/v1.json</c> describes every method and path of the
/// route table, with parameters, bodies, answers and Ganeti's error body; the reference page
/// at <c>/scalar/</c> reads it.
/// </summary>
public sealed class OpenApiDocumentTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private static readonly string[] ErrorStatuses = ["400", "401", "403", "404", "501", "502", "503", "504"];

    [Fact]
    public async Task Document_HasEveryRapiRoute_WithItsMethod_AndNothingElseUnderSlash2()
    {
        var document = await DocumentAsync();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Operation: e.Metadata.GetMetadata<RapiOperation>()))
            .Where(e => e.Operation is not null)
            .Select(e => $"{e.Operation!.Method.ToLowerInvariant()} {RapiDocumentTransformer.PathOf(e.Endpoint.RoutePattern)}")
            .ToList();
        var described = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key is "get" or "put" or "post" or "delete").Select(o => $"{o.Key} {p.Key}"))
            .Where(k => k.Contains(" /2", StringComparison.Ordinal) || k.EndsWith(" /", StringComparison.Ordinal) || k.EndsWith(" /version", StringComparison.Ordinal))
            .ToList();

        document["openapi"]!.GetValue<string>().Should().StartWith("3.1.");
        routes.Should().HaveCount(84);
        described.Should().BeEquivalentTo(routes);
    }

    [Fact]
    public async Task EveryOperation_Answers200_AndGanetisErrorBody_ForTheErrorStatuses()
    {
        var document = await DocumentAsync();
        var error = document["components"]!["schemas"]![RapiDocumentTransformer.ErrorSchema]!;
        error["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo("code", "message", "explain");
        error["properties"]!["code"]!["type"]!.GetValue<string>().Should().Be("integer");

        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/2", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                responses.Should().ContainKey("200", $"{method} {path}");
                foreach (var status in ErrorStatuses)
                {
                    responses[status]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>()
                        .Should().Be("#/components/schemas/GanetiError", $"{method} {path} answers {status} with Ganeti's error body");
                }
            }
        }
    }

    [Fact]
    public async Task Operations_DescribeTheirParameters_Bodies_AndAccess()
    {
        var paths = (await DocumentAsync())["paths"]!;

        var reboot = paths["/2/instances/{instanceName}/reboot"]!["post"]!;
        Names(reboot["parameters"]!, "path").Should().BeEquivalentTo("instanceName");
        Names(reboot["parameters"]!, "query").Should().BeEquivalentTo("type", "ignore_secondaries", "dry-run", "reason");
        reboot["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["type"]!.GetValue<string>().Should().Be("integer", "a job id");
        reboot["security"]!.AsArray().Should().ContainSingle();
        var rebootBody = reboot["requestBody"]!["content"]!["application/json"]!["schema"]!;
        rebootBody["properties"]!.AsObject().Select(p => p.Key).Should().Contain(["shutdown_timeout", "depends", "priority"])
            .And.NotContain(["instance_name", "reboot_type", "ignore_secondaries", "dry_run", "reason"], "the URL sets those");
        rebootBody["additionalProperties"]!.GetValue<bool>().Should().BeFalse();

        var create = paths["/2/instances"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        create["properties"]!.AsObject().Select(p => p.Key).Should().Contain(["name", "os", "disk_template", "disks", "nics"], "the body's names before Ganeti's renames")
            .And.NotContain("instance_name");
        create["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(["name", "mode"]);

        var grow = paths["/2/instances/{instanceName}/disk/{disk}/grow"]!["post"]!;
        grow["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "disk")!["schema"]!["pattern"]!.GetValue<string>().Should().Be("^[0-9]+$");

        var instances = paths["/2/instances"]!["get"]!;
        Names(instances["parameters"]!, "query").Should().Contain("bulk");
        instances["security"].Should().BeNull("GETs are anonymous");
        instances["requestBody"].Should().BeNull();

        Names(paths["/2/instances/{name}/tags"]!["put"]!["parameters"]!, "query").Should().Contain("tag");
        paths["/readyz"]!["get"]!["responses"]!["503"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().EndWith("/GanetiError");
    }

    [Fact]
    public async Task Document_IsValidOpenApi()
    {
        using var http = factory.CreateClient();
        await using var stream = await http.GetStreamAsync(DocumentationExtensions.DocumentPath);

        var result = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());

        result.Diagnostic!.Errors.Should().BeEmpty();
        result.Document!.Paths.Should().HaveCountGreaterThan(60);
    }

    [Fact]
    public async Task ReferencePage_IsServed_AndReadsTheDocument()
    {
        using var http = factory.CreateClient();

        using var page = await http.GetAsync(DocumentationExtensions.ReferencePath + "/");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await http.GetAsync(DocumentationExtensions.ReferencePath + "/scalar.js");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("openapi/v1.json").And.Contain("Ganeti RAPI");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        (await RapiTestClient.For(factory).GetAsync("/scalar-nope")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    private static IEnumerable<string> Names(JsonNode parameters, string location) =>
        parameters.AsArray().Where(p => p!["in"]!.GetValue<string>() == location).Select(p => p!["name"]!.GetValue<string>());

    private async Task<JsonNode> DocumentAsync()
    {
        using var http = factory.CreateClient();
        using var answer = await http.GetAsync(DocumentationExtensions.DocumentPath);
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
    }

    /// <summary>Found by fuzzing: another document name was a 404 in plain text; the document has one path, and others are Ganeti's 404.</summary>
    [Fact]
    public async Task AnotherDocumentName_IsGanetisNotFound()
    {
        using var http = factory.CreateClient();

        using var response = await http.GetAsync("/openapi/x.json");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync());

        ((int)response.StatusCode).Should().Be(404);
        body!["code"]!.GetValue<int>().Should().Be(404);
    }
}
