using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary><c>/2/jobs</c>: the index, bulk list, one job, cancel and the long poll.</summary>
public sealed class JobResourcesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private static readonly string[] BulkFields = ["id", "ops", "status", "summary", "opstatus", "received_ts", "start_ts", "end_ts"];

    private RapiTestClient Anonymous => RapiTestClient.For(factory);

    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    [Fact]
    public async Task List_IndexAndBulk_ListTheLiveQueueByNumber()
    {
        var first = (await Admin.RunJobAsync(HttpMethod.Put, "/2/tags?tag=jobs-a"))["id"]!.GetValue<long>();
        var second = (await Admin.RunJobAsync(HttpMethod.Put, "/2/tags?tag=jobs-b"))["id"]!.GetValue<long>();

        var index = (await Anonymous.OkAsync(HttpMethod.Get, "/2/jobs"))!.AsArray();
        index.Select(j => j!["id"]!.GetValue<long>()).Should().Contain([first, second]).And.BeInAscendingOrder();
        index.Should().AllSatisfy(j => j!["uri"]!.GetValue<string>().Should().Be($"/2/jobs/{j!["id"]!.GetValue<long>()}"));

        var bulk = (await Anonymous.OkAsync(HttpMethod.Get, "/2/jobs?bulk=1"))!.AsArray();
        bulk.Should().AllSatisfy(j => j!.AsObject().Select(p => p.Key).Should().Equal(BulkFields));
        bulk.Single(j => j!["id"]!.GetValue<long>() == second)!["summary"]![0]!.GetValue<string>().Should().Be("TAGS_SET");
    }

    [Fact]
    public async Task Cancel_FinishedOrUnknownJob_AnswersFalseWithLuxidMessage()
    {
        var id = (await Admin.RunJobAsync(HttpMethod.Put, "/2/tags?tag=cancel-late"))["id"]!.GetValue<long>();

        var answer = await Admin.OkAsync(HttpMethod.Delete, $"/2/jobs/{id}");

        JsonNode.DeepEquals(answer, new JsonArray(false, $"Job {id} not found in queue")).Should().BeTrue(answer!.ToJsonString());
        (await Admin.OkAsync(HttpMethod.Delete, "/2/jobs/987654"))![1]!.GetValue<string>().Should().Be("Job 987654 not found in queue");
    }

    [Fact]
    public async Task Cancel_QueuedJob_DequeuesIt()
    {
        // A PAUSE filter holds new jobs in the queue, so the job is certainly not running yet.
        var filter = (await Admin.OkAsync(HttpMethod.Post, "/2/filters", """{"priority": 0, "predicates": [], "action": "PAUSE"}"""))!.GetValue<string>();
        try
        {
            var id = (await Admin.OkAsync(HttpMethod.Put, "/2/tags?tag=never-set"))!.GetValue<long>();

            var answer = await Admin.OkAsync(HttpMethod.Delete, $"/2/jobs/{id}");

            JsonNode.DeepEquals(answer, new JsonArray(true, $"Dequeued job {id}")).Should().BeTrue(answer!.ToJsonString());
            (await Admin.WaitForJobAsync(id))["status"]!.GetValue<string>().Should().Be("canceled");
        }
        finally
        {
            await Admin.OkAsync(HttpMethod.Delete, $"/2/filters/{filter}");
        }
    }

    [Fact]
    public async Task Wait_FinishedJob_AnswersAtOnceWithLogs()
    {
        var id = (await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/web1/reboot?dry-run=1"))["id"]!.GetValue<long>();

        var change = await Admin.OkAsync(HttpMethod.Get, $"/2/jobs/{id}/wait", """{"fields": ["status", "id"], "previous_job_info": null, "previous_log_serial": null}""");

        change!.AsObject().Select(p => p.Key).Should().Equal("job_info", "log_entries");
        JsonNode.DeepEquals(change["job_info"], new JsonArray("success", id)).Should().BeTrue();
        var entry = change["log_entries"]![0]!.AsArray();
        entry[0]!.GetValue<long>().Should().Be(1);
        entry[1]!.AsArray().Should().HaveCount(2);
        entry[2]!.GetValue<string>().Should().Be("message");

        var later = await Admin.OkAsync(HttpMethod.Get, $"/2/jobs/{id}/wait", """{"fields": ["status"], "previous_job_info": ["success"], "previous_log_serial": 99}""");
        later!.ToJsonString().Should().Be("""{"job_info":["success"],"log_entries":[]}""");
    }

    [Theory]
    [InlineData(null, "Required parameter 'fields' is missing")]
    [InlineData("""{"previous_job_info": null}""", "Required parameter 'fields' is missing")]
    [InlineData("""{"fields": "status"}""", "The 'fields' parameter should be a list")]
    [InlineData("""{"fields": ["status"], "previous_job_info": "x"}""", "The 'previous_job_info' parameter should be a list")]
    [InlineData("""{"fields": ["status"], "previous_log_serial": "1"}""", "The 'previous_log_serial' parameter should be a number")]
    public async Task Wait_BadBody_Is400(string? body, string message)
    {
        var answer = await Admin.GetAsync("/2/jobs/1/wait", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Wait_UnknownJob_Is404() =>
        (await Admin.GetAsync("/2/jobs/987654/wait", """{"fields": ["status"]}""")).Status.Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task Wait_NeedsWriteAccess() =>
        (await RapiTestClient.For(factory, RapiTestClient.Reader).GetAsync("/2/jobs/1/wait", """{"fields": ["status"]}""")).Status.Should().Be(HttpStatusCode.Forbidden);

    [Theory]
    [InlineData("/2/jobs/99999999999999999999")]
    [InlineData("/2/jobs/%D9%A3")]
    [InlineData("/2/jobs/-1")]
    public async Task JobId_NotAnAsciiNumberThatFits_Is404(string uri) =>
        (await Anonymous.GetAsync(uri)).Status.Should().Be(HttpStatusCode.NotFound);
}
