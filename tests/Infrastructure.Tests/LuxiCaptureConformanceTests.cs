using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Domain.Query;
using Ganeti.Domain.Tags;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure.Tests;

/// <summary>
/// Every exchange recorded from Ganeti 3.0's luxid (Fixtures/luxi): the request our adapter
/// builds for the same call carries the same method and arguments (the Python client also
/// sends unset optional parameters as null, which we leave out), and the recorded answer,
/// replayed byte for byte, decodes to the expected typed result or exception.
/// </summary>
public class LuxiCaptureConformanceTests
{
    private static OpTestDelay Delay(double duration) => new(duration)
    {
        OnMaster = true,
        OnNodes = [],
        Repeat = 0,
        Interruptible = false,
        NoLocks = true,
        Priority = 0,
        Reason = [],
    };

    private sealed record Ports(LuxiClient Client, LuxiQueries Queries, LuxiJobQueue Jobs, LuxiFilters Filters, LuxiClusterControl Control);

    private sealed record Case(Func<Ports, Task<object?>> Call, Action<object?> Check, bool CompareRequest = true);

    private static Case Ok<T>(Func<Ports, ValueTask<T>> call, Action<T> check, bool compareRequest = true) =>
        new(async p => await call(p), r => check((T)r!), compareRequest);

    private static Case Fails<TException>(Func<Ports, Task> call, Action<TException>? check = null, bool compareRequest = true)
        where TException : Exception =>
        new(
            async p =>
            {
                try
                {
                    await call(p);
                }
                catch (TException ex)
                {
                    return ex;
                }

                throw new InvalidOperationException("expected " + typeof(TException).Name);
            },
            r => check?.Invoke((TException)r!),
            compareRequest);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["01-QueryClusterInfo"] = Ok(p => p.Queries.QueryClusterInfoAsync(default), r => r["name"]!.GetValue<string>().Should().Be("cluster.ganeti.test")),
        ["02-QueryInstances-all"] = Ok(p => p.Queries.QueryInstancesAsync([], ["name", "status", "admin_state", "oper_state", "pnode", "disk_template", "be/maxmem", "nic.macs", "tags"], false, default), r => r.Should().HaveCount(5).And.AllSatisfy(row => row.Values.Should().HaveCount(9))),
        ["03-QueryInstances-one"] = Ok(p => p.Queries.QueryInstancesAsync(["inst1.ganeti.test"], ["name", "uuid", "beparams", "hvparams", "ctime", "serial_no"], false, default), r => r.Single().Values[2]!["maxmem"]!.GetValue<int>().Should().BePositive()),
        ["04-QueryInstances-unknown"] = Ok(p => p.Queries.QueryInstancesAsync(["nosuch.ganeti.test"], ["name"], false, default), r => r.Should().BeEmpty()),
        ["05-QueryInstances-badfield"] = Fails<OpPrereqException>(p => p.Queries.QueryInstancesAsync([], ["name", "nosuchfield"], false, default).AsTask(), e => e.Code.Should().Be(ErrorCode.Invalid)),
        ["06-QueryNodes-all"] = Ok(p => p.Queries.QueryNodesAsync([], ["name", "role", "pip", "sip", "mtotal", "mfree", "pinst_cnt", "group.uuid", "tags"], false, default), r => r.Single().Values[1]!.GetValue<string>().Should().Be("M")),
        ["07-QueryGroups"] = Ok(p => p.Queries.QueryGroupsAsync([], ["name", "uuid", "node_cnt", "alloc_policy", "tags"], false, default), r => r.Select(g => g.Values[0]!.GetValue<string>()).Should().Contain("default")),
        ["08-QueryNetworks"] = Ok(p => p.Queries.QueryNetworksAsync([], ["name", "network", "gateway", "group_list", "free_count"], false, default), r => r.Single().Values[0]!.GetValue<string>().Should().Be("net1")),
        ["09-QueryJobs-two"] = Ok(p => p.Queries.QueryJobsAsync([new JobId(1), new JobId(2)], ["id", "status", "summary", "received_ts", "end_ts"], default), r => r.Select(j => j.Values[1]!.GetValue<string>()).Should().Equal("success", "success")),
        ["10-QueryJobs-all"] = Ok(p => p.Queries.QueryJobsAsync(null, ["id", "status"], default), r => r.Should().NotBeEmpty()),
        ["11-QueryJobs-unknown"] = Ok(p => p.Queries.QueryJobsAsync([new JobId(99999)], ["id", "status"], default), r => r.Single().Values[1].Should().BeNull()),
        ["12-QueryTags-cluster"] = Ok(p => p.Queries.QueryTagsAsync(TagKind.Cluster, null, default), r => r.Should().Contain("captured")),
        ["13-QueryTags-instance"] = Ok(p => p.Queries.QueryTagsAsync(TagKind.Instance, "inst1.ganeti.test", default), r => r.Should().Contain("app:web")),
        ["14-QueryTags-node"] = Ok(p => p.Queries.QueryTagsAsync(TagKind.Node, "node1.ganeti.test", default), r => r.Should().NotBeEmpty()),
        ["15-QueryTags-unknown"] = Fails<OpPrereqException>(p => p.Queries.QueryTagsAsync(TagKind.Instance, "nosuch.ganeti.test", default).AsTask(), e => e.Code.Should().Be(ErrorCode.NoEntity)),
        ["16-Query-instance-filter"] = Ok(p => p.Queries.QueryAsync("instance", ["name", "status", "oper_ram"], JsonNode.Parse("""["=", "status", "running"]"""), default), r =>
        {
            r.Fields.Select(f => f.Name).Should().Equal("name", "status", "oper_ram");
            r.Data.Should().NotBeEmpty().And.AllSatisfy(row => row[1].Should().Be(new QueryValue(ResultStatus.Normal, row[1].Value)));
        }),
        ["17-Query-node"] = Ok(p => p.Queries.QueryAsync("node", ["name", "role"], null, default), r => r.Data.Single()[1].Value!.GetValue<string>().Should().Be("M")),
        ["18-Query-job"] = Ok(p => p.Queries.QueryAsync("job", ["id", "status", "summary"], JsonNode.Parse("""["<", "id", 4]"""), default), r => r.Data.Should().HaveCount(3)),
        ["19-Query-badresource"] = Fails<MasterProtocolException>(p => p.Queries.QueryAsync("nosuch", ["name"], null, default).AsTask(), e => e.Message.Should().Contain("Failed to parse request")),
        ["20-QueryFields-instance-all"] = Ok(p => p.Queries.QueryFieldsAsync("instance", null, default), r => r.Should().Contain(f => f.Name == "admin_state" && f.Kind == "text")),
        ["21-QueryFields-node-some"] = Ok(p => p.Queries.QueryFieldsAsync("node", ["name", "mtotal", "nosuch"], default), r => r.Select(f => f.Kind).Should().Equal("text", "unit", "unknown")),
        ["22-QueryConfigValues"] = Ok(p => p.Queries.QueryConfigValuesAsync(["cluster_name", "master_node", "drain_flag", "watcher_pause"], default), r => r.Select(v => v?.ToJsonString()).Should().Equal("\"cluster.ganeti.test\"", "\"node1.ganeti.test\"", "false", null)),
        ["23-QueryExports"] = Ok(p => p.Queries.QueryExportsAsync([], false, default), r => r.Single().Values[0]!.GetValue<string>().Should().Be("node1.ganeti.test")),
        ["24-QueryFilters"] = Ok(p => p.Queries.QueryFiltersAsync(null, ["uuid", "priority", "action", "predicates", "watermark", "reason_trail"], default), r => r.Single().Values[2]!.GetValue<string>().Should().Be("CONTINUE")),
        ["25-SubmitJob-tags-set"] = Ok(p => p.Jobs.SubmitAsync([new OpTagsSet(TagKind.Cluster, ["luxi:capture"]) { Priority = 0, Reason = [] }], default), r => r.Should().Be(new JobId(45))),
        ["26-WaitForJobChange-step0"] = Ok(p => p.Jobs.WaitForChangeAsync(new JobId(45), ["status"], null, null, TimeSpan.FromSeconds(5), default), r => r.Info.Single()!.GetValue<string>().Should().Be("queued")),
        ["27-WaitForJobChange-step1"] = Ok(p => p.Jobs.WaitForChangeAsync(new JobId(45), ["status"], new JsonArray("queued"), null, TimeSpan.FromSeconds(5), default), r => r.Info.Single()!.GetValue<string>().Should().Be("success")),
        ["28-QueryJobs-after-submit"] = Ok(p => p.Queries.QueryJobsAsync([new JobId(45)], ["id", "status", "opstatus", "opresult", "oplog"], default), r => r.Single().Values[1]!.GetValue<string>().Should().Be("success")),
        ["29-WaitForJobChange-finished-nochange"] = Ok(p => p.Jobs.WaitForChangeAsync(new JobId(45), ["status"], new JsonArray("success"), null, TimeSpan.FromSeconds(2), default), r => r.Log.Should().BeEmpty()),
        ["30-SubmitJob-testdelay"] = Ok(p => p.Jobs.SubmitAsync([Delay(0.5)], default), r => r.Should().Be(new JobId(46))),
        ["31-WaitForJobChange-testdelay-first"] = Ok(p => p.Jobs.WaitForChangeAsync(new JobId(46), ["status", "opstatus"], null, null, TimeSpan.FromSeconds(5), default), r => r.Info.Should().HaveCount(2)),
        ["32-WaitForJobChange-testdelay-final"] = Ok(p => p.Jobs.WaitForChangeAsync(new JobId(46), ["status", "opstatus"], JsonNode.Parse("""["running", ["running"]]""")!.AsArray(), null, TimeSpan.FromSeconds(5), default), r => r.Info[0]!.GetValue<string>().Should().Be("success")),
        ["33-SubmitManyJobs"] = Ok(p => p.Jobs.SubmitManyAsync([[Delay(0)], [new OpTagsGet(TagKind.Cluster) { UseLocking = false, Priority = 0, Reason = [] }]], default), r => r.Select(s => s.Id).Should().Equal(new JobId(47), new JobId(48))),
        ["34-SubmitJob-no-reason"] = Fails<MasterProtocolException>(p => p.Client.CallAsync(LuxiMethods.SubmitJob, [new JsonArray(new JsonObject { ["OP_ID"] = "OP_TEST_DELAY" })], default).AsTask()),
        ["35-SubmitJob-badopcode"] = Fails<MasterProtocolException>(p => p.Client.CallAsync(LuxiMethods.SubmitJob, [new JsonArray(new JsonObject { ["OP_ID"] = "OP_NO_SUCH_OPCODE" })], default).AsTask(), e => e.Message.Should().Contain("Unknown opcode OP_NO_SUCH_OPCODE"), compareRequest: false),
        ["36-SubmitJob-missingparam"] = Fails<MasterProtocolException>(p => p.Client.CallAsync(LuxiMethods.SubmitJob, [new JsonArray(new JsonObject { ["OP_ID"] = "OP_INSTANCE_STARTUP", ["reason"] = new JsonArray(), ["priority"] = 0, ["dry_run"] = false, ["debug_level"] = 0 })], default).AsTask(), e => e.Message.Should().Contain("key 'instance_name' not found")),
        ["37-SubmitJob-badtype"] = Fails<MasterProtocolException>(p => p.Client.CallAsync(LuxiMethods.SubmitJob, [new JsonArray(new JsonObject { ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = "soon" })], default).AsTask(), compareRequest: false),
        ["38-ReplaceFilter-pause"] = Ok(p => p.Filters.ReplaceAsync(null, 0, JsonNode.Parse("""[["opcode", ["=", "OP_ID", "OP_TEST_DELAY"]]]""")!.AsArray(), "PAUSE", JsonNode.Parse("""[["anchor", "luxi-capture", 0]]""")!.AsArray(), default), r => Guid.TryParse(r, out _).Should().BeTrue()),
        ["39-SubmitJob-held"] = Ok(p => p.Jobs.SubmitAsync([Delay(1)], default), r => r.Should().Be(new JobId(49))),
        ["40-QueryJobs-held"] = Ok(p => p.Queries.QueryJobsAsync([new JobId(49)], ["id", "status"], default), r => r.Single().Values[1]!.GetValue<string>().Should().Be("queued")),
        ["41-WaitForJobChange-held-timeout"] = Ok(p => p.Jobs.WaitForChangeAsync(new JobId(49), ["status"], new JsonArray("queued"), null, TimeSpan.FromSeconds(2), default), r => r.Info.Single()!.GetValue<string>().Should().Be("queued")),
        ["42-ChangeJobPriority-queued"] = Ok(p => p.Jobs.ChangePriorityAsync(new JobId(49), 5, default), r => r.Should().Be(new JobActionResult(true, "Priorities of pending opcodes for job 49 have been changed to 5"))),
        ["43-CancelJob-queued"] = Ok(p => p.Jobs.CancelAsync(new JobId(49), false, default), r => r.Should().Be(new JobActionResult(true, "Dequeued job 49"))),
        ["44-QueryJobs-canceled"] = Ok(p => p.Queries.QueryJobsAsync([new JobId(49)], ["id", "status", "opstatus", "end_ts"], default), r => r.Single().Values[1]!.GetValue<string>().Should().Be("canceled")),
        ["45-QueryFilters-one"] = Ok(p => p.Queries.QueryFiltersAsync(["48a9f4bb-740a-44fe-bec4-ee4397dcd966"], ["uuid", "priority", "action", "watermark"], default), r => r.Single().Values[2]!.GetValue<string>().Should().Be("PAUSE")),
        ["46-DeleteFilter"] = Ok(async p => { await p.Filters.DeleteAsync("48a9f4bb-740a-44fe-bec4-ee4397dcd966", default); return true; }, r => r.Should().BeTrue()),
        ["47-DeleteFilter-unknown"] = Fails<GanetiErrorException>(p => p.Filters.DeleteAsync("00000000-0000-0000-0000-000000000000", default).AsTask(), e => e.ErrorClass.Should().Be("GenericError")),
        ["48-CancelJob-finished"] = Ok(p => p.Jobs.CancelAsync(new JobId(1), false, default), r => r.Should().Be(new JobActionResult(false, "Job 1 not found in queue"))),
        ["49-CancelJob-unknown"] = Ok(p => p.Jobs.CancelAsync(new JobId(99999), false, default), r => r.Success.Should().BeFalse()),
        ["50-ArchiveJob"] = Ok(p => p.Jobs.ArchiveAsync(new JobId(1), default), r => r.Should().BeTrue()),
        ["51-ArchiveJob-unknown"] = Ok(p => p.Jobs.ArchiveAsync(new JobId(99999), default), r => r.Should().BeFalse()),
        ["52-SetWatcherPause"] = Ok(p => p.Control.SetWatcherPauseAsync(null, default), r => r.Should().BeNull()),
        ["53-SetDrainFlag-on"] = Ok(async p => { await p.Control.SetDrainFlagAsync(true, default); return true; }, r => r.Should().BeTrue()),
        ["54-SubmitJob-while-drained"] = Fails<JobQueueUnavailableException>(p => p.Jobs.SubmitAsync([Delay(0)], default).AsTask()),
        ["55-SetDrainFlag-off"] = Ok(async p => { await p.Control.SetDrainFlagAsync(false, default); return true; }, r => r.Should().BeTrue()),
        ["56-NoSuchMethod-unknown-method"] = Fails<MasterProtocolException>(p => p.Client.CallAsync("NoSuchMethod", [], default).AsTask()),
        ["57-QueryInstances-wrong-arity"] = Fails<MasterProtocolException>(p => p.Client.CallAsync(LuxiMethods.QueryInstances, [new JsonArray()], default).AsTask()),
        ["58-QueryClusterInfo-old-version"] = Ok(p => p.Queries.QueryClusterInfoAsync(default), r => r["master"]!.GetValue<string>().Should().Be("node1.ganeti.test")),
        ["59-QueryClusterInfo-no-version"] = Ok(p => p.Queries.QueryClusterInfoAsync(default), r => r.Should().ContainKey("ipolicy")),
        ["60-raw-not-json"] = Fails<MasterProtocolException>(p => p.Client.CallAsync("x", [], default).AsTask(), compareRequest: false),
        ["61-raw-json-not-object"] = Fails<MasterProtocolException>(p => p.Client.CallAsync("x", [], default).AsTask(), compareRequest: false),
        ["62-raw-missing-args"] = Fails<MasterProtocolException>(p => p.Client.CallAsync("x", [], default).AsTask(), compareRequest: false),
    };

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "luxi"), "*.request.bin").Order())
        {
            data.Add(Path.GetFileName(file)[..^".request.bin".Length]);
        }

        return data;
    }

    [Fact]
    public void EveryRecordedExchange_HasACase() =>
        Captures().Cast<object[]>().Select(row => (string)row[0]).Should().BeEquivalentTo(Cases.Keys);

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task RecordedExchange_SameRequest_AnswerDecodes(string capture)
    {
        var recordedRequest = Fixture(capture + ".request.bin");
        var recordedResponse = Fixture(capture + ".response.bin");
        byte[]? ourRequest = null;
        await using var server = new FakeLuxiServer(async s =>
        {
            ourRequest = await FakeLuxiServer.ReadFrameAsync(s);
            await s.WriteAsync(recordedResponse);
        });
        var options = Options.Create(new LuxiOptions { SocketPath = server.SocketPath, ConnectAttempts = 1, PoolSize = 0 });
        var client = new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
        var ports = new Ports(client, new LuxiQueries(client), new LuxiJobQueue(client), new LuxiFilters(client), new LuxiClusterControl(client));
        var @case = Cases[capture];

        var result = await @case.Call(ports);

        @case.Check(result);
        if (@case.CompareRequest)
        {
            var recorded = JsonNode.Parse(Encoding.UTF8.GetString(recordedRequest).TrimEnd('\u0003', '\n'))!.AsObject();
            var ours = JsonNode.Parse(ourRequest!)!.AsObject();
            ours["method"]!.GetValue<string>().Should().Be(recorded["method"]!.GetValue<string>());
            var expectedArgs = WithoutNulls(recorded["args"]);
            var actualArgs = WithoutNulls(ours["args"]);
            JsonNode.DeepEquals(actualArgs, expectedArgs).Should().BeTrue($"our args {actualArgs?.ToJsonString()} should equal {expectedArgs?.ToJsonString()}");
        }
    }

    /// <summary>Object members whose value is null are dropped (an absent optional parameter means the same to luxid).</summary>
    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray list => new JsonArray([.. list.Select(WithoutNulls)]),
        _ => node?.DeepClone(),
    };

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "luxi", name));
}
