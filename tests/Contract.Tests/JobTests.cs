using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Contract.Tests;

/// <summary>SubmitJob, SubmitManyJobs, WaitForJobChange, QueryJobs, Query on jobs, CancelJob, ArchiveJob.</summary>
[Collection(RealGanetiCollection.Name)]
public sealed class JobTests(RealGanetiFixture real)
{
    private const long UnknownJob = 987654321;

    [Fact]
    public async Task SubmitJob_TagsSetThenDel_ChangesClusterTagsAndSucceeds()
    {
        var tag = RealGanetiFixture.Unique("contract");
        try
        {
            var set = await real.SubmitAsync(RealGanetiFixture.ClusterTags("OP_TAGS_SET", tag));
            (await real.FollowAsync(set))[^1].Should().Be(JobStatus.Success);
            (await ClusterTags()).Should().Contain(tag);

            var del = await real.SubmitAsync(RealGanetiFixture.ClusterTags("OP_TAGS_DEL", tag));
            (await real.FollowAsync(del))[^1].Should().Be(JobStatus.Success);
            (await ClusterTags()).Should().NotContain(tag);
            del.Should().BeGreaterThan(set, "job ids grow");
        }
        finally
        {
            if ((await ClusterTags()).Contains(tag))
            {
                await real.FollowAsync(await real.SubmitAsync(RealGanetiFixture.ClusterTags("OP_TAGS_DEL", tag)));
            }
        }
    }

    [Fact]
    public async Task SubmitManyJobs_WithRelativeDependency_BothSucceedDependencyMadeAbsolute()
    {
        var first = RealGanetiFixture.TestDelay(0.1);
        var second = RealGanetiFixture.TestDelay(0.1);
        second["depends"] = new JsonArray(new JsonArray(-1, new JsonArray("success")));

        var result = (await real.CallAsync("SubmitManyJobs", new JsonArray(new JsonArray(first), new JsonArray(second))))!.AsArray();

        result.Should().HaveCount(2);
        result.Should().OnlyContain(r => r![0]!.GetValue<bool>());
        var ids = result.Select(r => r![1]!.GetValue<long>()).ToList();
        ids.ForEach(real.Track);
        ids[1].Should().Be(ids[0] + 1);
        (await real.FollowAsync(ids[0]))[^1].Should().Be(JobStatus.Success);
        (await real.FollowAsync(ids[1]))[^1].Should().Be(JobStatus.Success);
        var ops = (await real.Queries.QueryJobsAsync([new JobId(ids[1])], ["ops"], CancellationToken.None)).Single().Values[0]!;
        ops[0]!["depends"]!.ToJsonString().Should().Be($"[[{ids[0]},[\"success\"]]]");
    }

    [Fact]
    public async Task WaitForJobChange_FollowsDelayJob_ThroughPendingStatesToSuccess()
    {
        var id = await real.SubmitAsync(RealGanetiFixture.TestDelay(0.5));

        var seen = await real.FollowAsync(id);

        seen[^1].Should().Be(JobStatus.Success);
        seen.Should().OnlyContain(s => s == JobStatus.Queued || s == JobStatus.Waiting || s == JobStatus.Running || s == JobStatus.Success);
        seen.Should().BeInAscendingOrder("a job's status only moves forward");
        var finished = (await real.CallAsync("WaitForJobChange", id, new JsonArray("status", "opstatus"), new JsonArray("success", new JsonArray("success")), null, 2))!.AsArray();
        finished[0]!.ToJsonString().Should().Be("[\"success\",[\"success\"]]", "a finished job answers at once with its final state");
        finished[1]!.AsArray().Should().BeEmpty("OP_TEST_DELAY logs nothing");
    }

    [Fact]
    public async Task QueryJobs_ThroughQueriesPort_KnownJobRowAndNullsForUnknownId()
    {
        var id = await real.SubmitAsync(RealGanetiFixture.TestDelay(0.1));
        await real.FollowAsync(id);
        string[] fields = ["id", "status", "summary", "received_ts", "end_ts", "opstatus"];

        var rows = await real.Queries.QueryJobsAsync([new JobId(id), new JobId(UnknownJob)], fields, CancellationToken.None);

        rows.Should().HaveCount(2);
        var known = rows[0].ToObject(fields);
        known["id"]!.GetValue<long>().Should().Be(id);
        known["status"]!.GetValue<string>().Should().Be("success");
        known["summary"]!.ToJsonString().Should().Be("[\"TEST_DELAY(0.1)\"]", "the summary names the opcode and its main parameter");
        known["received_ts"]!.AsArray().Should().HaveCount(2, "timestamps are [seconds, microseconds]");
        known["end_ts"]![0]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(known["received_ts"]![0]!.GetValue<long>());
        known["opstatus"]!.ToJsonString().Should().Be("[\"success\"]");
        rows[1].Values.Select(v => v?.ToJsonString()).Should().Equal([UnknownJob.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, null, null, null]);
    }

    [Fact]
    public async Task QueryJobs_AllLiveJobs_IncludesNewJob()
    {
        var id = await real.SubmitAsync(RealGanetiFixture.TestDelay(0.1));
        await real.FollowAsync(id);

        var rows = await real.Queries.QueryJobsAsync(null, ["id", "status"], CancellationToken.None);

        rows.Select(r => r.Values[0]!.GetValue<long>()).Should().Contain(id).And.BeInAscendingOrder();
    }

    [Fact]
    public async Task Query_JobsFilteredById_OneRowWithStatuses()
    {
        var id = await real.SubmitAsync(RealGanetiFixture.TestDelay(0.1));
        await real.FollowAsync(id);

        var result = (await real.CallAsync("Query", "job", new JsonArray("id", "status", "summary"), new JsonArray("==", "id", id)))!.AsObject();

        result["fields"]!.AsArray().Select(f => f!["kind"]!.GetValue<string>()).Should().Equal("number", "text", "other");
        result["data"]!.AsArray().Should().ContainSingle()
            .Which!.ToJsonString().Should().Be($"[[0,{id}],[0,\"success\"],[0,[\"TEST_DELAY(0.1)\"]]]");
    }

    [Fact]
    public async Task CancelJob_UnknownJob_AnswersFalseWithReason()
    {
        var result = (await real.CallAsync("CancelJob", UnknownJob, false))!.AsArray();

        result.ToJsonString().Should().Be($"[false,\"Job {UnknownJob} not found in queue\"]");
    }

    [Fact]
    public async Task CancelJob_FinishedJob_NotCancelable()
    {
        var id = await real.SubmitAsync(RealGanetiFixture.TestDelay(0.1));
        await real.FollowAsync(id);

        var result = (await real.CallAsync("CancelJob", id, false))!.AsArray();

        result[0]!.GetValue<bool>().Should().BeFalse();
        result[1]!.GetValue<string>().Should().Be($"Job {id} not found in queue");
    }

    [Fact]
    public async Task ArchiveJob_FinishedJob_LeavesLiveQueueButStaysQueryable()
    {
        var id = await real.SubmitAsync(RealGanetiFixture.TestDelay(0.1));
        await real.FollowAsync(id);

        (await real.CallAsync("ArchiveJob", id))!.GetValue<bool>().Should().BeTrue();

        (await real.CallAsync("ArchiveJob", id))!.GetValue<bool>().Should().BeFalse("it is archived already");
        (await real.CallAsync("ArchiveJob", UnknownJob))!.GetValue<bool>().Should().BeFalse();
        var live = await real.Queries.QueryJobsAsync(null, ["id"], CancellationToken.None);
        live.Select(r => r.Values[0]!.GetValue<long>()).Should().NotContain(id);
        var archived = await real.Queries.QueryJobsAsync([new JobId(id)], ["id", "status", "archived"], CancellationToken.None);
        archived.Single().Values.Select(v => v!.ToJsonString()).Should().Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), "\"success\"", "true");
    }

    [Fact]
    public async Task JobQueue_InstanceRebootDryRun_SucceedsWithoutRebooting()
    {
        var reason = ReasonTrail.ForRapi("instances_name_reboot", "contract test", DateTimeOffset.UtcNow);
        var reboot = new OpInstanceReboot("inst1.ganeti.test", RebootType.Soft) { DryRun = true, Reason = reason };

        var id = await real.JobQueue.SubmitAsync([reboot], CancellationToken.None);
        real.Track(id.Value);

        (await real.FollowAsync(id.Value))[^1].Should().Be(JobStatus.Success);
        string[] fields = ["ops", "opresult", "oplog", "summary"];
        var job = (await real.Queries.QueryJobsAsync([id], fields, CancellationToken.None)).Single().ToObject(fields);
        var op = job["ops"]![0]!.AsObject();
        op["OP_ID"]!.GetValue<string>().Should().Be("OP_INSTANCE_REBOOT");
        op["dry_run"]!.GetValue<bool>().Should().BeTrue();
        op["reboot_type"]!.GetValue<string>().Should().Be("soft");
        op["shutdown_timeout"]!.GetValue<int>().Should().Be(120, "luxid fills the defaults we leave out");
        var sources = op["reason"]!.AsArray().Select(e => e![0]!.GetValue<string>()).ToList();
        sources.Should().Equal("gnt:user", "gnt:library:rlib2:instances_name_reboot", "gnt:opcode:instance_reboot");
        op["reason"]![2]![1]!.GetValue<string>().Should().Be($"job={id.Value};index=0");
        job["opresult"]!.ToJsonString().Should().Be("[null]");
        job["oplog"]![0]!.AsArray().Select(entry => entry![3]!.GetValue<string>()).Should().Contain(m => m.Contains("dry-run mode requested"));
        job["summary"]!.ToJsonString().Should().Be("[\"INSTANCE_REBOOT(inst1.ganeti.test)\"]");
        var state = await real.Queries.QueryInstancesAsync(["inst1.ganeti.test"], ["status"], false, CancellationToken.None);
        state.Single().Values[0]!.GetValue<string>().Should().Be("running");
    }

    private async Task<List<string>> ClusterTags() =>
        [.. (await real.CallAsync("QueryTags", "cluster", ""))!.AsArray().Select(t => t!.GetValue<string>())];
}
