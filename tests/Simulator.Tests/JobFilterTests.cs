using System.Text.Json.Nodes;
using Ganeti.Application.Errors;

namespace Ganeti.Simulator.Tests;

public sealed class JobFilterTests : IAsyncLifetime
{
    private SimulatorFixture _sim = null!;

    public Task InitializeAsync()
    {
        _sim = new SimulatorFixture(timeScale: 0.05);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private static JsonObject Delay(double seconds) => new() { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = seconds };

    private static JsonArray OpcodeIs(string opId) => new(new JsonArray("opcode", new JsonArray("==", "OP_ID", opId)));

    private async Task<long> Submit(JsonObject op) => (await _sim.Call("SubmitJob", new JsonArray(op)))!.GetValue<long>();

    private async Task<string> Status(long id) => (await _sim.Call("QueryJobs", new JsonArray(id), new JsonArray("status")))![0]![0]!.GetValue<string>();

    private Task<JsonNode?> Replace(JsonNode action, JsonArray predicates, long priority = 0, string? uuid = null) =>
        _sim.Call("ReplaceFilter", uuid, priority, predicates, action, new JsonArray(new JsonArray("test", "why", 1)));

    [Fact]
    public async Task Pause_HoldsMatchingJobs_UntilTheRuleIsDeleted()
    {
        var uuid = (await Replace("PAUSE", OpcodeIs("OP_TEST_DELAY")))!.GetValue<string>();
        var held = await Submit(Delay(0.01));
        var other = await Submit(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_TAGS_GET", ["kind"] = "cluster" });

        (await _sim.WaitForJobAsync(other)).Should().Be("success");
        await Task.Delay(200);
        (await Status(held)).Should().Be("queued");

        await _sim.Call("DeleteFilter", uuid);
        (await _sim.WaitForJobAsync(held)).Should().Be("success");
    }

    [Fact]
    public async Task Reject_CancelsMatchingJobs()
    {
        await Replace("REJECT", new JsonArray(new JsonArray("reason", new JsonArray("==", "reason", "nope"))));
        var rejected = await Submit(new JsonObject { ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = 0.01, ["reason"] = new JsonArray(new JsonArray("me", "nope", 1)) });
        var accepted = await Submit(Delay(0.01));

        (await _sim.WaitForJobAsync(rejected)).Should().Be("canceled");
        (await _sim.WaitForJobAsync(accepted)).Should().Be("success");
    }

    [Fact]
    public async Task Watermark_OlderJobsAreNotAffected()
    {
        await Replace("PAUSE", OpcodeIs("OP_TAGS_GET"));
        var rows = (await _sim.Call("QueryFilters", null, new JsonArray("watermark", "action", "reason_trail")))!.AsArray();

        rows.Single()![0]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(0);
        rows.Single()![2]!.AsArray().Select(e => e![0]!.GetValue<string>()).Should().Equal("test", "luxid");
    }

    [Fact]
    public async Task RateLimit_OneAtATime()
    {
        await Replace(new JsonArray("RATE_LIMIT", 1), OpcodeIs("OP_TEST_DELAY"));
        var first = await Submit(Delay(0.3));
        var second = await Submit(Delay(0.01));
        await _sim.WaitForJobAsync(first);
        await _sim.WaitForJobAsync(second);

        var times = (await _sim.Call("QueryJobs", new JsonArray(first, second), new JsonArray("start_ts", "end_ts")))!.AsArray();
        long Micros(JsonNode? t) => t![0]!.GetValue<long>() * 1_000_000 + t[1]!.GetValue<long>();
        Micros(times[1]![0]).Should().BeGreaterThanOrEqualTo(Micros(times[0]![1]), "the second starts after the first ended");
    }

    [Fact]
    public async Task Continue_ThenAccept_ByPriority()
    {
        await Replace("PAUSE", OpcodeIs("OP_TEST_DELAY"), priority: 10);
        await Replace("ACCEPT", new JsonArray(new JsonArray("jobid", new JsonArray(">", "id", 0))), priority: 5);
        await Replace("CONTINUE", OpcodeIs("OP_TEST_DELAY"), priority: 1);

        (await _sim.WaitForJobAsync(await Submit(Delay(0.01)))).Should().Be("success");
    }

    [Fact]
    public async Task BadRules_AreRefusedLikeLuxid()
    {
        var badAction = () => Replace("EXPLODE", []);
        var badPriority = () => Replace("PAUSE", [], priority: -1);
        var unknown = () => _sim.Call("DeleteFilter", "00000000-0000-0000-0000-000000000000");

        (await badAction.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*malformed FilterAction JSON*");
        await badPriority.Should().ThrowAsync<MasterProtocolException>();
        (await unknown.Should().ThrowAsync<GanetiErrorException>()).WithMessage("Filter rule with UUID 00000000-0000-0000-0000-000000000000 does not exist");
    }

    [Fact]
    public async Task Rules_SurviveARestart()
    {
        var uuid = (await Replace("PAUSE", OpcodeIs("OP_TEST_DELAY")))!.GetValue<string>();
        await _sim.RestartAsync();

        var rows = (await _sim.Call("QueryFilters", new JsonArray(uuid), new JsonArray("uuid", "action")))!.ToJsonString();
        rows.Should().Be($"[[\"{uuid}\",\"PAUSE\"]]");
    }
}
