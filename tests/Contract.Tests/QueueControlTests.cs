using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Contract.Tests;

/// <summary>SetDrainFlag, SetWatcherPause and the job filter calls; each restores what it changed.</summary>
[Collection(RealGanetiCollection.Name)]
public sealed class QueueControlTests(RealGanetiFixture real)
{
    [Fact]
    public async Task SetDrainFlag_On_RefusesNewJobs_Off_AcceptsThemAgain()
    {
        var delay = new OpTestDelay(0.1) { Reason = [] };
        try
        {
            (await real.CallAsync("SetDrainFlag", true))!.GetValue<bool>().Should().BeTrue();
            (await ConfigValue("drain_flag"))!.GetValue<bool>().Should().BeTrue();

            var single = () => real.JobQueue.SubmitAsync([delay], CancellationToken.None).AsTask();
            (await single.Should().ThrowAsync<JobQueueUnavailableException>()).WithMessage("*drained*");
            var many = () => real.CallAsync("SubmitManyJobs", new JsonArray(new JsonArray(RealGanetiFixture.TestDelay(0.1))));
            await many.Should().ThrowAsync<JobQueueUnavailableException>("a drained queue fails the whole SubmitManyJobs call");
        }
        finally
        {
            await real.CallAsync("SetDrainFlag", false);
        }

        (await ConfigValue("drain_flag"))!.GetValue<bool>().Should().BeFalse();
        var id = await real.JobQueue.SubmitAsync([delay], CancellationToken.None);
        real.Track(id.Value);
        (await real.FollowAsync(id.Value))[^1].Should().Be(JobStatus.Success);
    }

    [Fact]
    public async Task SetWatcherPause_Until_EchoedAndVisible_ThenRestored()
    {
        var original = await ConfigValue("watcher_pause");
        var until = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        try
        {
            var echoed = await real.CallAsync("SetWatcherPause", until);

            // luxid turns the time into picoseconds through a double and back, so the echo of a
            // whole second can come back a hair below it (1796572248.9999998); the file holds
            // whole seconds, truncated.
            echoed!.GetValue<double>().Should().BeApproximately(until, 1e-3);
            (await ConfigValue("watcher_pause"))!.GetValue<double>().Should().BeApproximately(until, 1);
        }
        finally
        {
            await real.CallAsync("SetWatcherPause", original?.DeepClone());
        }

        var restored = await ConfigValue("watcher_pause");
        if (original is null)
        {
            restored.Should().BeNull("there was no pause before the test");
        }
        else
        {
            restored!.GetValue<double>().Should().BeApproximately(original.GetValue<double>(), 1, "the pause found before the test is back");
        }
    }

    [Fact]
    public async Task ReplaceFilter_PauseOnReason_HoldsOnlyMatchingJobs_DeleteFilterReleasesThem()
    {
        var token = RealGanetiFixture.Unique("contract-filter");
        var now = ReasonTrail.ToNanoseconds(DateTimeOffset.UtcNow);
        var predicates = new JsonArray(new JsonArray("reason", new JsonArray("==", "reason", token)));
        var uuid = (await real.CallAsync("ReplaceFilter", null, 0, predicates.DeepClone(), "PAUSE", new JsonArray(new JsonArray("contract:test", token, now))))!.GetValue<string>();
        var deleted = false;
        try
        {
            Guid.TryParse(uuid, out _).Should().BeTrue($"ReplaceFilter answers the new rule's UUID, not '{uuid}'");
            var rule = (await real.CallAsync("QueryFilters", new JsonArray(uuid), new JsonArray("uuid", "priority", "action", "predicates", "watermark", "reason_trail")))!.AsArray().Single()!.AsArray();
            rule[0]!.GetValue<string>().Should().Be(uuid);
            rule[1]!.GetValue<int>().Should().Be(0);
            rule[2]!.GetValue<string>().Should().Be("PAUSE");
            JsonNode.DeepEquals(rule[3], predicates).Should().BeTrue($"predicates came back as {rule[3]!.ToJsonString()}");
            rule[4]!.GetValue<long>().Should().BePositive("the watermark is the highest job id so far");
            rule[5]!.AsArray().Select(e => e![0]!.GetValue<string>()).Should().Equal("contract:test", "luxid");
            var all = (await real.CallAsync("QueryFilters", null, new JsonArray("uuid", "action")))!.AsArray();
            all.Select(r => r!.ToJsonString()).Should().Contain($"[\"{uuid}\",\"PAUSE\"]");

            var held = await real.SubmitAsync(RealGanetiFixture.TestDelay(0.1, new JsonArray(new JsonArray("contract:test", token, now))));
            var free = await real.SubmitAsync(RealGanetiFixture.TestDelay(0.1));
            (await real.FollowAsync(free))[^1].Should().Be(JobStatus.Success, "the rule does not match this job");
            var waited = (await real.CallAsync("WaitForJobChange", held, new JsonArray("status"), new JsonArray("queued"), null, 1))!.AsArray();
            waited[0]!.ToJsonString().Should().Be("[\"queued\"]", "the PAUSE rule holds the matching job");

            var replaced = (await real.CallAsync("ReplaceFilter", uuid, 10, predicates.DeepClone(), "PAUSE", new JsonArray()))!.GetValue<string>();
            replaced.Should().Be(uuid);
            var priority = (await real.CallAsync("QueryFilters", new JsonArray(uuid), new JsonArray("priority")))!.AsArray().Single()![0]!.GetValue<int>();
            priority.Should().Be(10);

            (await real.CallAsync("DeleteFilter", uuid)).Should().BeNull();
            deleted = true;
            (await real.FollowAsync(held))[^1].Should().Be(JobStatus.Success, "without the rule the held job runs");
        }
        finally
        {
            if (!deleted)
            {
                await real.CallAsync("DeleteFilter", uuid);
            }
        }

        (await real.CallAsync("QueryFilters", new JsonArray(uuid), new JsonArray("uuid")))!.AsArray().Should().BeEmpty();
        var left = (await real.CallAsync("QueryFilters", null, new JsonArray("uuid")))!.AsArray();
        left.Select(r => r![0]!.GetValue<string>()).Should().NotContain(uuid);
    }

    [Fact]
    public async Task DeleteFilter_UnknownUuid_IsGenericError()
    {
        var uuid = Guid.NewGuid().ToString();

        var act = () => real.CallAsync("DeleteFilter", uuid);

        var error = (await act.Should().ThrowAsync<GanetiErrorException>()).Which;
        error.ErrorClass.Should().Be("GenericError");
        error.Message.Should().Be($"Filter rule with UUID {uuid} does not exist");
    }

    private async Task<JsonNode?> ConfigValue(string name) =>
        (await real.CallAsync("QueryConfigValues", new JsonArray(name)))!.AsArray()[0]?.DeepClone();
}
