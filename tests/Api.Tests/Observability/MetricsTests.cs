using System.Net;

namespace Ganeti.Api.Tests.Observability;

/// <summary>
/// <c>/metrics</c> after real requests: HTTP requests by route, method and status; LUXI calls by
/// method and outcome; jobs submitted by opcode; the simulator's job durations and queue depth.
/// </summary>
public sealed class MetricsTests
{
    private const string HttpRequests = "http_server_request_duration_seconds_count";
    private const string LuxiCalls = "ganeti_luxi_call_duration_seconds_count";

    [Fact]
    public async Task Scrape_AfterRequests_CountsRoutesLuxiCallsJobsAndQueueDepth()
    {
        using var factory = new GanetiApiFactory();
        var admin = RapiTestClient.For(factory, RapiTestClient.Admin);
        for (var i = 0; i < 3; i++)
        {
            await admin.OkAsync(HttpMethod.Get, "/2/groups/default");
        }

        (await admin.GetAsync("/2/groups/nosuch")).Status.Should().Be(HttpStatusCode.NotFound);
        (await admin.PutAsync("/2/query/instance", """{"fields": ["name"], "filter": ["==", "nosuch", "x"]}""")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.RunJobAsync(HttpMethod.Put, "/2/tags?tag=metrics"))["status"]!.GetValue<string>().Should().Be("success");

        // A filter rule that pauses every job keeps the next one queued.
        await admin.OkAsync(HttpMethod.Post, "/2/filters", """{"priority": 0, "predicates": [], "action": "PAUSE"}""");
        await admin.OkAsync(HttpMethod.Put, "/2/instances/web1/tags?tag=held");

        var scrape = await Scrape.ReadAsync(factory);

        const string GroupRoute = "/2/groups/{groupName:ganetiName}";
        scrape.Value(HttpRequests, ("http_route", GroupRoute), ("http_request_method", "GET"), ("http_response_status_code", "200")).Should().Be(3);
        scrape.Value(HttpRequests, ("http_route", GroupRoute), ("http_request_method", "GET"), ("http_response_status_code", "404")).Should().Be(1);
        scrape.Value(HttpRequests, ("http_route", "/2/tags"), ("http_request_method", "PUT"), ("http_response_status_code", "200")).Should().Be(1);

        scrape.Value(LuxiCalls, ("ganeti_luxi_method", "SubmitJob"), ("ganeti_luxi_outcome", "success")).Should().Be(2);
        scrape.Value(LuxiCalls, ("ganeti_luxi_method", "Query"), ("ganeti_luxi_outcome", "error")).Should().Be(1);
        scrape.Value(LuxiCalls, ("ganeti_luxi_method", "WaitForJobChange"), ("ganeti_luxi_outcome", "success")).Should().BeGreaterThanOrEqualTo(1);

        scrape.Value("ganeti_jobs_submitted_total", ("ganeti_opcode", "OP_TAGS_SET")).Should().Be(2);
        scrape.Value("ganeti_simulator_job_duration_seconds_count", ("ganeti_opcode", "OP_TAGS_SET"), ("ganeti_job_status", "success")).Should().Be(1);
        scrape.Value("ganeti_simulator_queue_depth", ("ganeti_job_status", "queued")).Should().Be(1);
        scrape.Value("ganeti_simulator_queue_depth", ("ganeti_job_status", "running")).Should().Be(0);
    }

    [Fact]
    public async Task Scrape_ShowsOnlyItsOwnHostsSeries()
    {
        using var busy = new GanetiApiFactory();
        using var idle = new GanetiApiFactory();
        _ = idle.CreateClient(); // both hosts run while the busy one is used
        var admin = RapiTestClient.For(busy, RapiTestClient.Admin);
        await admin.OkAsync(HttpMethod.Put, "/2/tags?tag=busy");
        (await Scrape.ReadAsync(busy)).Value("ganeti_jobs_submitted_total", ("ganeti_opcode", "OP_TAGS_SET")).Should().Be(1);

        var other = await Scrape.ReadAsync(idle);

        other.Value("ganeti_jobs_submitted_total").Should().BeNull();
        other.Value(HttpRequests, ("http_route", "/2/tags")).Should().BeNull();
    }
}
