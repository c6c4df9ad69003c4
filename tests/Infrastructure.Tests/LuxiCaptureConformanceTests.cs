using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Infrastructure.Luxi.Wire;
using Ganeti.Infrastructure.Luxi.Wire.Converters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure.Tests;

/// <summary>Exchanges recorded from Ganeti 3.0's luxid, replayed byte for byte.</summary>
public class LuxiCaptureConformanceTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "luxi", name));

    private static async Task<(JsonNode? Request, Func<Task<T>> Call)> Replay<T>(string capture, Func<LuxiClient, Task<T>> call, List<IAsyncDisposable> keep)
    {
        var response = Fixture(capture + ".response.bin");
        var server = new FakeLuxiServer(async s =>
        {
            var one = new byte[1];
            while (await s.ReadAsync(one) == 1 && one[0] != 0x03)
            {
            }

            await s.WriteAsync(response);
        });
        keep.Add(server);
        var options = Options.Create(new LuxiOptions { SocketPath = server.SocketPath, ConnectAttempts = 1 });
        var client = new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
        await Task.CompletedTask;
        return (null, () => call(client));
    }

    private static JsonObject RecordedRequest(string capture) =>
        JsonNode.Parse(Fixture(capture + ".request.bin").AsSpan().TrimEnd((byte)0x03))!.AsObject();

    private static void SameCall(JsonObject recorded, byte[] ours)
    {
        var mine = JsonNode.Parse(ours)!.AsObject();
        mine["method"]!.GetValue<string>().Should().Be(recorded["method"]!.GetValue<string>());
        JsonNode.DeepEquals(mine["args"], recorded["args"]).Should().BeTrue($"args {mine["args"]} should equal {recorded["args"]}");
    }

    [Fact]
    public async Task QueryInstancesOne_SameRequest_DecodesRows()
    {
        var keep = new List<IAsyncDisposable>();
        var (_, call) = await Replay("03-QueryInstances-one", c => new LuxiQueries(c).QueryInstancesAsync(["inst1.ganeti.test"], ["name", "uuid", "beparams", "hvparams", "ctime", "serial_no"], false, default).AsTask(), keep);
        var rows = await call();
        rows.Should().ContainSingle().Which.Values[0]!.GetValue<string>().Should().Be("inst1.ganeti.test");
        SameCall(RecordedRequest("03-QueryInstances-one"), LuxiMessages.EncodeRequest("QueryInstances", [new JsonArray("inst1.ganeti.test"), new JsonArray("name", "uuid", "beparams", "hvparams", "ctime", "serial_no"), false], 3000000));
        foreach (var k in keep)
        {
            await k.DisposeAsync();
        }
    }

    [Fact]
    public async Task QueryInstancesUnknown_DecodesEmpty()
    {
        var keep = new List<IAsyncDisposable>();
        var (_, call) = await Replay("04-QueryInstances-unknown", c => new LuxiQueries(c).QueryInstancesAsync(["nosuch.ganeti.test"], ["name"], false, default).AsTask(), keep);
        (await call()).Should().BeEmpty();
        SameCall(RecordedRequest("04-QueryInstances-unknown"), LuxiMessages.EncodeRequest("QueryInstances", [new JsonArray("nosuch.ganeti.test"), new JsonArray("name"), false], null));
        await keep[0].DisposeAsync();
    }

    [Fact]
    public async Task QueryInstancesBadField_DecodesOpPrereqError()
    {
        var keep = new List<IAsyncDisposable>();
        var (_, call) = await Replay("05-QueryInstances-badfield", c => new LuxiQueries(c).QueryInstancesAsync([], ["name", "nosuchfield"], false, default).AsTask(), keep);
        var error = (await call.Should().ThrowAsync<OpPrereqException>()).Which;
        error.Code.Should().Be(Domain.Errors.ErrorCode.Invalid);
        error.Message.Should().Be("Unknown output fields selected: nosuchfield");
        await keep[0].DisposeAsync();
    }

    [Fact]
    public async Task QueryJobsUnknown_KeepsIdWithNulls()
    {
        var keep = new List<IAsyncDisposable>();
        var (_, call) = await Replay("11-QueryJobs-unknown", c => new LuxiQueries(c).QueryJobsAsync([new JobId(99999)], ["id", "status"], default).AsTask(), keep);
        var row = (await call()).Should().ContainSingle().Subject;
        row.Values[0]!.GetValue<long>().Should().Be(99999);
        row.Values[1].Should().BeNull();
        SameCall(RecordedRequest("11-QueryJobs-unknown"), LuxiMessages.EncodeRequest("QueryJobs", [new JsonArray(99999), new JsonArray("id", "status")], null));
        await keep[0].DisposeAsync();
    }

    [Fact]
    public async Task QueryClusterInfo_DecodesObject()
    {
        var keep = new List<IAsyncDisposable>();
        var (_, call) = await Replay("01-QueryClusterInfo", c => new LuxiQueries(c).QueryClusterInfoAsync(default).AsTask(), keep);
        var info = await call();
        info["master"]!.GetValue<string>().Should().Be("node1.ganeti.test");
        info["enabled_hypervisors"]!.AsArray().Should().ContainSingle();
        await keep[0].DisposeAsync();
    }

    [Fact]
    public async Task UnknownMethod_BareStringError_IsProtocolError()
    {
        var keep = new List<IAsyncDisposable>();
        var (_, call) = await Replay("56-NoSuchMethod-unknown-method", c => c.CallAsync("NoSuchMethod", [], default).AsTask(), keep);
        (await call.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*Failed to parse request*");
        await keep[0].DisposeAsync();
    }

    [Fact]
    public async Task SubmitJob_DecodesJobId()
    {
        var keep = new List<IAsyncDisposable>();
        var (_, call) = await Replay("25-SubmitJob-tags-set", c => new LuxiJobQueue(c).SubmitAsync([new OpTestDelay(0)], default).AsTask(), keep);
        (await call()).Should().Be(new JobId(45));
        await keep[0].DisposeAsync();
    }

    [Fact]
    public void OpInstanceReboot_GoldenJson()
    {
        var op = new OpInstanceReboot("web1.example.com", RebootType.Soft)
        {
            DryRun = true,
            IgnoreSecondaries = false,
            ShutdownTimeout = 60,
            Reason = [new ReasonEntry("gnt:library:rlib2:instances_name_reboot", string.Empty, 1795739706941314304)],
            Depends = [new OpDependency(-1, [JobStatus.Success])],
        };

        OpCodeJsonConverter.ToJsonObject(op).ToJsonString().Should().Be(
            """{"OP_ID":"OP_INSTANCE_REBOOT","instance_name":"web1.example.com","reboot_type":"soft","shutdown_timeout":60,"ignore_secondaries":false,"dry_run":true,"depends":[[-1,["success"]]],"reason":[["gnt:library:rlib2:instances_name_reboot","",1795739706941314304]]}""");
    }

    [Fact]
    public void OpNodeEvacuate_GoldenJson() =>
        OpCodeJsonConverter.ToJsonObject(new OpNodeEvacuate("node2", Domain.Nodes.EvacuationMode.SecondaryOnly) { RemoteNode = "node3" }).ToJsonString()
            .Should().Be("""{"OP_ID":"OP_NODE_EVACUATE","node_name":"node2","mode":"secondary-only","remote_node":"node3"}""");

    [Fact]
    public void FrameWriter_RefusesTerminatorInMessage() =>
        FluentActions.Awaiting(async () => await LuxiFrameWriter.WriteFrameAsync(Stream.Null, new byte[] { 0x41, 0x03 }, default))
            .Should().ThrowAsync<LuxiFrameException>();
}
