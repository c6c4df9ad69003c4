using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Simulator.Jobs;
using Ganeti.Simulator.Store;

namespace Ganeti.Simulator.Tests;

public class SimulatedMasterTests
{
    private static JsonObject Reboot(string name, bool dryRun = false) => new()
    {
        ["OP_ID"] = "OP_INSTANCE_REBOOT",
        ["reason"] = new JsonArray(),
        ["instance_name"] = name,
        ["reboot_type"] = "hard",
        ["dry_run"] = dryRun,
    };

    private static JsonObject Delay(double seconds) => new() { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = seconds };

    [Fact]
    public async Task FreshDataDir_IsSeededWithDemoCluster()
    {
        await using var sim = new SimulatorFixture();

        var nodes = (await sim.Call("QueryNodes", new JsonArray(), new JsonArray("name", "group", "role"), false))!.AsArray();
        var instances = (await sim.Call("QueryInstances", new JsonArray(), new JsonArray("name", "disk_template", "snodes", "os"), false))!.AsArray();
        var info = (await sim.Call("QueryClusterInfo"))!.AsObject();

        nodes.Count.Should().BeGreaterThanOrEqualTo(3);
        nodes.Select(n => n![1]!.GetValue<string>()).Distinct().Should().HaveCountGreaterThanOrEqualTo(2);
        nodes.Select(n => n![2]!.GetValue<string>()).Should().Contain("M");
        instances.Count.Should().BeGreaterThanOrEqualTo(6);
        instances.Where(i => i![1]!.GetValue<string>() == "drbd").Should().AllSatisfy(i => i![2]!.AsArray().Should().ContainSingle());
        instances.Select(i => i![3]!.GetValue<string>()).Should().AllBe("noop");
        info["tags"]!.AsArray().Should().NotBeEmpty();
        new SimStore(sim.Options.DatabasePath).JournalMode.Should().Be("wal");
    }

    [Fact]
    public async Task SubmitJob_RunsToSuccess_WithOpcodeDefaultsAndReason()
    {
        await using var sim = new SimulatorFixture();

        var id = (await sim.Call("SubmitJob", new JsonArray(Reboot("web1"))))!.GetValue<long>();

        (await sim.WaitForJobAsync(id)).Should().Be("success");
        var row = (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("ops", "opstatus", "summary", "start_ts", "end_ts")))!.AsArray().Single()!;
        var op = row[0]![0]!.AsObject();
        op["shutdown_timeout"]!.GetValue<int>().Should().Be(120);
        op["instance_name"]!.GetValue<string>().Should().Be("web1.example.com");
        op["reason"]!.AsArray().Last()!.AsArray()[1]!.GetValue<string>().Should().Be($"job={id};index=0");
        row[1]!.AsArray().Single()!.GetValue<string>().Should().Be("success");
        row[2]![0]!.GetValue<string>().Should().Be("INSTANCE_REBOOT(web1.example.com)");
        row[3]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task SubmitJob_KeepsDryRunOnlyWhenTheClientSentIt()
    {
        await using var sim = new SimulatorFixture();

        var without = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001))))!.GetValue<long>();
        var with = (await sim.Call("SubmitJob", new JsonArray(Reboot("web1", dryRun: false))))!.GetValue<long>();
        (await sim.WaitForJobAsync(without)).Should().Be("success");
        (await sim.WaitForJobAsync(with)).Should().Be("success");

        var ops = (await sim.Call("QueryJobs", new JsonArray(without, with), new JsonArray("ops")))!.AsArray();
        ops[0]![0]![0]!.AsObject().ContainsKey("dry_run").Should().BeFalse("luxid stores dry_run only when the client sent it");
        ops[1]![0]![0]!.AsObject().First().Key.Should().Be("dry_run", "luxid puts it first, before the other shared parameters");
        ops[1]![0]![0]!["dry_run"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task SubmitJob_UnknownOpcode_IsParseError()
    {
        await using var sim = new SimulatorFixture();

        var act = () => sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_NO_SUCH_OPCODE" }));

        (await act.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*Failed to parse request: SubmitJob: Unknown opcode OP_NO_SUCH_OPCODE*");
    }

    [Theory]
    [InlineData("SubmitJob", """{"OP_ID": "OP_TAGS_GET", "kind": "cluster"}""", """key 'reason' not found, object contains only ["OP_ID","kind"]""")]
    [InlineData("SubmitJobToDrainedQueue", """{"kind": "cluster", "OP_ID": "OP_NO_SUCH_OPCODE"}""", """key 'reason' not found, object contains only ["kind","OP_ID"]""")]
    [InlineData("SubmitJob", """{"OP_ID": "OP_TAGS_GET", "kind": "cluster", "reason": null}""", "Can't parse value for 'reason': Unable to read list")]
    [InlineData("SubmitJob", """{"OP_ID": "OP_TAGS_GET", "kind": "cluster", "reason": [["a", "b"]]}""", "Can't parse value for 'reason': Unable to read Triple")]
    [InlineData("SubmitJob", """{"OP_ID": "OP_TAGS_GET", "kind": "cluster", "reason": [["a", 1, 1]]}""", "Can't parse value for 'reason': Unable to read String")]
    [InlineData("SubmitJob", """{"OP_ID": "OP_TAGS_GET", "kind": "cluster", "reason": [["a", "b", "c"]]}""", "Can't parse value for 'reason': Unable to read Integer")]
    public async Task SubmitJob_WithoutAValidReasonTrail_IsRefusedBeforeTheOpcodeIsRead(string method, string op, string problem)
    {
        await using var sim = new SimulatorFixture();

        var act = () => sim.Call(method, new JsonArray(JsonNode.Parse(op)));

        (await act.Should().ThrowAsync<MasterProtocolException>()).Which.Message.Should().Be($"Failed to parse request: {method}: {problem}");
        (await sim.Call("QueryJobs", null, new JsonArray("id")))!.AsArray().Should().BeEmpty("nothing was queued");
    }

    [Fact]
    public async Task QueryInstances_UnknownField_OpPrereqError()
    {
        await using var sim = new SimulatorFixture();

        var act = () => sim.Call("QueryInstances", new JsonArray(), new JsonArray("name", "nosuchfield"), false);

        (await act.Should().ThrowAsync<OpPrereqException>()).WithMessage("Unknown output fields selected: nosuchfield");
    }

    [Fact]
    public async Task Restart_KeepsConfigAndJobs()
    {
        await using var sim = new SimulatorFixture();
        var id = (await sim.Call("SubmitJob", new JsonArray(Reboot("batch1"))))!.GetValue<long>();
        (await sim.WaitForJobAsync(id)).Should().Be("success");
        var before = (await sim.Call("QueryInstances", new JsonArray("batch1"), new JsonArray("uuid", "admin_state", "serial_no"), false))!.ToJsonString();

        await sim.RestartAsync();

        (await sim.Call("QueryInstances", new JsonArray("batch1"), new JsonArray("uuid", "admin_state", "serial_no"), false))!.ToJsonString().Should().Be(before);
        before.Should().Contain("\"up\"");
        var job = (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("id", "status")))!.ToJsonString();
        job.Should().Be($"[[{id},\"success\"]]");
        var next = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001))))!.GetValue<long>();
        next.Should().Be(id + 1);
    }

    [Fact]
    public async Task Restart_RunningJobsEndInError_QueuedAndLockWaitingJobsRun()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "sim-" + Guid.NewGuid().ToString("N")[..10]);
        // Jobs written straight into a store, as a crash would leave them: one running, one
        // queued, one waiting for a lock before any opcode ran, and one waiting in its second
        // opcode after the first succeeded (it had started running).
        Directory.CreateDirectory(dataDir);
        using (var crashed = new SimStore(Path.Combine(dataDir, "cluster.db")))
        {
            crashed.SaveState(Seed.DemoCluster.Create(DateTimeOffset.UtcNow));
            crashed.SaveJob(1, false, StoredJob(1, "running"));
            crashed.SaveJob(2, false, StoredJob(2, "queued"));
            crashed.SaveJob(3, false, StoredJob(3, "waiting", "queued"));
            crashed.SaveJob(4, false, StoredJob(4, "success", "waiting"));
        }

        var options = new SimulatorOptions { DataDirectory = dataDir, TimeScale = 0 };
        await using (var master = SimulatedMaster.Start(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance))
        {
            foreach (var ended in new long[] { 1, 4 })
            {
                var row = master.Jobs.QueryJobs([ended], ["status", "opresult"])[0]!;
                row[0]!.GetValue<string>().Should().Be("error");
                row[1]!.ToJsonString().Should().Contain(JobQueue.RestartMessage);
            }

            foreach (var requeued in new long[] { 2, 3 })
            {
                (await FinalStatusAsync(master.Jobs, requeued)).Should().Be("success");
                var opCount = requeued == 2 ? 1 : 2;
                master.Jobs.QueryJobs([requeued], ["opstatus"])[0]![0]!.AsArray().Select(o => o!.GetValue<string>())
                    .Should().Equal(Enumerable.Repeat("success", opCount));
            }
        }

        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>Follows a job with the queue's long poll until it is finalized.</summary>
    private static async Task<string> FinalStatusAsync(JobQueue jobs, long id)
    {
        string[] fields = ["status"];
        JsonArray? previous = null;
        long? serial = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var answer = await jobs.WaitForChangeAsync(id, fields, previous, serial, TimeSpan.FromSeconds(10), timeout.Token);
            previous = answer[0]!.AsArray();
            foreach (var log in answer[1]!.AsArray())
            {
                serial = Math.Max(serial ?? 0, log![0]!.GetValue<long>());
            }

            var status = previous[0]!.GetValue<string>();
            if (status is "success" or "error" or "canceled")
            {
                return status;
            }
        }
    }

    [Fact]
    public async Task ConflictingJobs_SecondWaitsForLock()
    {
        await using var sim = new SimulatorFixture(timeScale: 0.5);

        var first = (await sim.Call("SubmitJob", new JsonArray(Reboot("web1"))))!.GetValue<long>();
        var second = (await sim.Call("SubmitJob", new JsonArray(Reboot("web1.example.com"))))!.GetValue<long>();

        // While the first reboot runs (0.5 s), the second must be waiting for the instance lock.
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var statuses = (await sim.Call("QueryJobs", new JsonArray(first, second), new JsonArray("status")))!.AsArray().Select(r => r![0]!.GetValue<string>()).ToList();
            seen.Add(string.Join('/', statuses));
            if (statuses[0] == "success")
            {
                break;
            }

            await Task.Delay(10);
        }

        seen.Should().Contain("running/waiting");
        seen.Should().NotContain(s => s.StartsWith("running/running", StringComparison.Ordinal));
        (await sim.WaitForJobAsync(second)).Should().Be("success");
    }

    [Fact]
    public async Task CancelJob_QueuedIsDequeued_FinishedIsNotFound()
    {
        await using var sim = new SimulatorFixture();
        await sim.Call("SetDrainFlag", false);
        var blockers = new List<long>();
        for (var i = 0; i < sim.Options.MaxRunningJobs; i++)
        {
            blockers.Add((await sim.Call("SubmitJob", new JsonArray(Delay(1))))!.GetValue<long>());
        }

        var queued = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001))))!.GetValue<long>();
        var answer = (await sim.Call("CancelJob", queued, false))!.ToJsonString();

        answer.Should().Be($"[true,\"Dequeued job {queued}\"]");
        (await sim.WaitForJobAsync(queued)).Should().Be("canceled");
        (await sim.Call("CancelJob", queued, false))!.ToJsonString().Should().Be($"[false,\"Job {queued} not found in queue\"]");
    }

    [Fact]
    public async Task CancelJob_Running_WithoutKillRunsOn_WithKillFailsEveryOpcodeAsLuxidsDeathDetection()
    {
        await using var sim = new SimulatorFixture(timeScale: 1);
        var killed = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001), Delay(60))))!.GetValue<long>();
        await WaitUntilRunningAsync(sim, killed, opIndex: 1);

        var informed = (await sim.Call("CancelJob", killed))!.AsArray();
        informed[0]!.GetValue<bool>().Should().BeFalse();
        informed[1]!.GetValue<string>().Should().Be("Job no longer waiting, can't cancel (informed it anyway)");
        (await sim.Call("QueryJobs", new JsonArray(killed), new JsonArray("status")))!.ToJsonString().Should().Be("""[["running"]]""");
        (await sim.Call("CancelJob", killed, true))!.ToJsonString().Should().Be("""[true,"SIGKILL send to the process"]""");

        (await sim.WaitForJobAsync(killed)).Should().Be("error");
        var row = (await sim.Call("QueryJobs", new JsonArray(killed), new JsonArray("opstatus", "opresult", "ops")))![0]!;
        row[0]!.ToJsonString().Should().Be("""["error","error"]""", "the death detection fails the opcode that had succeeded as well");
        row[1]!.ToJsonString().Should().Be($"""["detected death of job {killed}","detected death of job {killed}"]""");
        row[2]![1]!["reason"]!.AsArray().Last()![0]!.GetValue<string>().Should().Be("gnt:daemon:luxid:deathdetection");
    }

    [Theory]
    [InlineData("[1, \"x\"]", "Cannot convert value '[1, \"x\"]', error: Unable to read Bool; Cannot convert value '[1, \"x\"]', error: Unable to read 1 tuple")]
    public async Task CancelJob_KillThatIsNotABoolean_IsRefusedLikeLuxid(string args, string message)
    {
        await using var sim = new SimulatorFixture();

        var act = () => sim.Client().CallAsync("CancelJob", JsonNode.Parse(args)!.AsArray(), CancellationToken.None).AsTask();

        (await act.Should().ThrowAsync<MasterProtocolException>()).Which.Message.Should().Be("Failed to parse request: " + message);
    }

    [Fact]
    public async Task SetDrainFlag_NotABoolean_IsRefusedAndChangesNothing()
    {
        await using var sim = new SimulatorFixture();
        await sim.Call("SetDrainFlag", true);

        var act = () => sim.Call("SetDrainFlag", "no");

        (await act.Should().ThrowAsync<MasterProtocolException>()).Which.Message.Should().Be("""Failed to parse request: Cannot convert value '["no"]', error: Unable to read Bool""");
        (await sim.Call("QueryConfigValues", new JsonArray("drain_flag")))!.ToJsonString().Should().Be("[true]");
    }

    private static async Task WaitUntilRunningAsync(SimulatorFixture sim, long id, int opIndex = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        JsonNode? seen = null;
        while (seen?[0]?[0]?[opIndex]?.GetValue<string>() != "running")
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"job {id}'s opcode {opIndex} should start running");
            var change = await sim.Call("WaitForJobChange", id, new JsonArray("opstatus"), seen?[0]?.DeepClone(), null, 5);
            seen = change is JsonArray ? change : seen;
        }
    }

    [Fact]
    public async Task DrainFlag_RefusesSubmit()
    {
        await using var sim = new SimulatorFixture();
        (await sim.Call("SetDrainFlag", true))!.GetValue<bool>().Should().BeTrue();

        var act = () => sim.Call("SubmitJob", new JsonArray(Delay(0.001)));

        await act.Should().ThrowAsync<JobQueueUnavailableException>();
        (await sim.Call("SubmitJobToDrainedQueue", new JsonArray(Delay(0.001))))!.GetValue<long>().Should().BePositive();
    }

    [Fact]
    public async Task SubmitManyJobs_RelativeDependencyResolved()
    {
        await using var sim = new SimulatorFixture();
        var dependent = Delay(0.001);
        dependent["depends"] = new JsonArray(new JsonArray(-1, new JsonArray("success")));

        var answer = (await sim.Call("SubmitManyJobs", new JsonArray(new JsonArray(Delay(0.2)), new JsonArray(dependent))))!.AsArray();

        var firstId = answer[0]![1]!.GetValue<long>();
        var secondId = answer[1]![1]!.GetValue<long>();
        (await sim.WaitForJobAsync(secondId)).Should().Be("success");
        var ops = (await sim.Call("QueryJobs", new JsonArray(secondId), new JsonArray("ops")))!.AsArray()[0]![0]![0]!;
        ops["depends"]![0]![0]!.GetValue<long>().Should().Be(firstId);
        var ends = (await sim.Call("QueryJobs", new JsonArray(firstId, secondId), new JsonArray("end_ts")))!.AsArray()
            .Select(r => r![0]![0]!.GetValue<long>() * 1_000_000 + r[0]![1]!.GetValue<long>()).ToList();
        ends[1].Should().BeGreaterThanOrEqualTo(ends[0]);
    }

    [Fact]
    public async Task WaitForJobChange_TimesOutWithUnchangedValues()
    {
        await using var sim = new SimulatorFixture();
        var id = (await sim.Call("SubmitJob", new JsonArray(Delay(3))))!.GetValue<long>();
        await Task.Delay(100);

        var answer = (await sim.Call("WaitForJobChange", id, new JsonArray("status"), new JsonArray("running"), null, 1))!.AsArray();

        answer[0]!.ToJsonString().Should().Be("[\"running\"]");
        answer[1]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task WaitForJobChange_WithALogSerial_AnswersOnlyNewerLogEntries()
    {
        // A job that logs one entry while it runs (the non-static warning).
        await using var sim = new SimulatorFixture();
        var id = (await sim.Call("SubmitJob", new JsonArray(new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_QUERY_DATA", ["instances"] = new JsonArray("web1") })))!.GetValue<long>();
        (await sim.WaitForJobAsync(id)).Should().Be("success");

        var fromStart = (await sim.Call("WaitForJobChange", id, new JsonArray("status"), new JsonArray("running"), 0, 1))!.AsArray();
        var afterFirst = (await sim.Call("WaitForJobChange", id, new JsonArray("status"), new JsonArray("running"), 1, 1))!.AsArray();

        fromStart[1]!.AsArray().Select(e => e![0]!.GetValue<long>()).Should().Equal(1);
        afterFirst[0]!.ToJsonString().Should().Be("[\"success\"]");
        afterFirst[1]!.AsArray().Should().BeEmpty();
    }

    private static JsonObject StoredJob(long id, params string[] statuses) => new()
    {
        ["id"] = id,
        ["received_ts"] = new JsonArray(1, 0),
        ["ops"] = new JsonArray([.. statuses.Select(status => (JsonNode)new JsonObject
        {
            ["input"] = new JsonObject { ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = 0.001, ["dry_run"] = false, ["reason"] = new JsonArray() },
            ["status"] = status,
            ["log"] = new JsonArray(),
        })]),
    };
}

public class JobQueueControlTests
{
    private static JsonObject Delay(double seconds, int priority = 0) =>
        new() { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = seconds, ["priority"] = priority };

    [Fact]
    public async Task Pending_HigherPriorityRunsFirst_AndPriorityCanChange()
    {
        // One worker, busy with a blocker while the jobs under test are queued: it then takes
        // them one at a time, so their start times are the order the queue gave them out in,
        // however late the worker gets to run on a busy machine.
        await using var sim = new SimulatorFixture(maxRunningJobs: 1);
        var blocker = (await sim.Call("SubmitJob", new JsonArray(Delay(2))))!.GetValue<long>();
        JsonNode? seen = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (seen?[0]?[0]?.GetValue<string>() != "running" && DateTime.UtcNow < deadline)
        {
            var change = await sim.Call("WaitForJobChange", blocker, new JsonArray("status"), seen?[0]?.DeepClone(), null, 5);
            seen = change is JsonArray ? change : seen;
        }

        seen?[0]?[0]?.GetValue<string>().Should().Be("running", "the blocker must hold the only worker while the others are queued");

        var low = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001, priority: 10))))!.GetValue<long>();
        var normal = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001))))!.GetValue<long>();
        var high = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001, priority: -10))))!.GetValue<long>();
        var changed = (await sim.Call("ChangeJobPriority", low, -20))!.ToJsonString();

        changed.Should().Be($"[true,\"Priorities of pending opcodes for job {low} have been changed to -20\"]");
        foreach (var id in new[] { low, normal, high })
        {
            (await sim.WaitForJobAsync(id)).Should().Be("success");
        }

        var starts = (await sim.Call("QueryJobs", new JsonArray(low, high, normal), new JsonArray("start_ts")))!.AsArray()
            .Select(r => r![0]![0]!.GetValue<long>() * 1_000_000 + r[0]![1]!.GetValue<long>()).ToList();
        starts.Should().BeInAscendingOrder("low (now -20) runs before high (-10) before normal (0)");
        (await sim.Call("QueryJobs", new JsonArray(low), new JsonArray("priority")))![0]![0]!.GetValue<int>().Should().Be(-20);
    }

    [Fact]
    public async Task ChangePriority_FinishedJob_NotFound()
    {
        await using var sim = new SimulatorFixture();
        var id = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001))))!.GetValue<long>();
        await sim.WaitForJobAsync(id);

        (await sim.Call("ChangeJobPriority", id, 5))!.ToJsonString().Should().Be($"[false,\"Job {id} not found in queue\"]");
    }

    [Fact]
    public async Task ArchiveAndAutoArchive_HideFinishedJobsFromTheLiveList()
    {
        await using var sim = new SimulatorFixture();
        var first = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001))))!.GetValue<long>();
        var second = (await sim.Call("SubmitJob", new JsonArray(Delay(0.001))))!.GetValue<long>();
        await sim.WaitForJobAsync(first);
        await sim.WaitForJobAsync(second);

        (await sim.Call("ArchiveJob", first))!.GetValue<bool>().Should().BeTrue();
        (await sim.Call("ArchiveJob", first))!.GetValue<bool>().Should().BeFalse();
        (await sim.Call("ArchiveJob", 99999))!.GetValue<bool>().Should().BeFalse();
        var live = (await sim.Call("QueryJobs", [null, new JsonArray("id")]))!.AsArray().Select(r => r![0]!.GetValue<long>()).ToList();
        live.Should().NotContain(first).And.Contain(second);
        (await sim.Call("QueryJobs", new JsonArray(first), new JsonArray("archived")))![0]![0]!.GetValue<bool>().Should().BeTrue();

        (await sim.Call("AutoArchiveJobs", -1, 10))![0]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        (await sim.Call("QueryJobs", [null, new JsonArray("id")]))!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AutoArchiveJobs_KeepsYoungerJobs_AndATimeoutThatHasPassedLooksAtNone()
    {
        await using var sim = new SimulatorFixture();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await sim.Call("SubmitJob", new JsonArray(Delay(0.001))))!.GetValue<long>());
            await sim.WaitForJobAsync(ids[^1]);
        }

        (await sim.Call("AutoArchiveJobs", 0, 0))!.ToJsonString().Should().Be("[0,3]", "no time is left to look at any of the three jobs");
        (await sim.Call("AutoArchiveJobs", 3600, 30))!.ToJsonString().Should().Be("[0,0]", "every job ended less than an hour ago");
        (await sim.Call("QueryJobs", [null, new JsonArray("id")]))!.AsArray().Should().HaveCount(3);
        (await sim.Call("AutoArchiveJobs", 0, 30))!.ToJsonString().Should().Be("[3,0]");

        var act = () => sim.Call("AutoArchiveJobs", "x", 1);
        (await act.Should().ThrowAsync<MasterProtocolException>()).Which.Message.Should().Be("""Failed to parse request: Cannot convert value '["x", 1]', error: Unable to read Int""");
    }

    [Fact]
    public async Task WatcherPause_IsKeptAndReported()
    {
        await using var sim = new SimulatorFixture();

        (await sim.Call("SetWatcherPause", 1800000000.5))!.GetValue<double>().Should().Be(1800000000.5);
        (await sim.Call("QueryConfigValues", new JsonArray("watcher_pause", "drain_flag", "nosuch")))!.ToJsonString().Should().Be("[1800000000.5,false,null]");
        await sim.RestartAsync();
        (await sim.Call("QueryConfigValues", new JsonArray("watcher_pause")))!.ToJsonString().Should().Be("[1800000000.5]");
        (await sim.Call("SetWatcherPause", [null])).Should().BeNull();
    }
}
