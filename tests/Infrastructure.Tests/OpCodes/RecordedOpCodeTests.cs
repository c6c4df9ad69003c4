using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Domain.Tags;
using Ganeti.Luxi.Converters;

namespace Ganeti.Infrastructure.Tests.OpCodes;

/// <summary>
/// Our opcodes against opcodes recorded from Ganeti 3.0: the OP_TAGS_SET a client submitted
/// over LUXI (fixture 25) and the OP_INSTANCE_REBOOT that RAPI's reboot resource queued
/// (capture 138, as <c>GET /2/jobs/31</c> showed it). Ganeti writes every parameter, null
/// or not; we leave unset ones out, so the recorded keys with null values are dropped before
/// comparing values, and the key sets are compared with every parameter set.
/// </summary>
public class RecordedOpCodeTests
{
    private const string RecordedReboot =
        """{"dry_run": true, "debug_level": 0, "priority": 0, "depends": null, "comment": null, "reason": [["gnt:library:rlib2:instances_name_reboot", "", 1795739706941314304], ["gnt:opcode:instance_reboot", "job=31;index=0", 1795739706943461000]], "OP_ID": "OP_INSTANCE_REBOOT", "instance_name": "inst1.ganeti.test", "instance_uuid": "0dcfa425-17fa-44a5-a343-466347db5bb5", "shutdown_timeout": 120, "ignore_secondaries": false, "reboot_type": "hard"}""";

    private static JsonObject RecordedTagsSet()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "luxi", "25-SubmitJob-tags-set.request.bin"));
        var request = JsonNode.Parse(bytes.AsSpan().TrimEnd((byte)0x03))!.AsObject();
        request["method"]!.GetValue<string>().Should().Be("SubmitJob");
        return request["args"]![0]![0]!.AsObject();
    }

    private static JsonObject WithoutNulls(JsonObject recorded) =>
        new(recorded.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value!.DeepClone())));

    private static void ShouldMatch(JsonObject ours, JsonObject recorded) =>
        JsonNode.DeepEquals(ours, recorded).Should().BeTrue($"ours {ours.ToJsonString()} should equal {recorded.ToJsonString()}");

    private static readonly OpDependency AnyDependency = new(-1, [JobStatus.Success]);

    [Fact]
    public void OpTagsSet_AsRecorded_SameValues()
    {
        var op = new OpTagsSet(TagKind.Cluster, ["luxi:capture"]) { Priority = 0, Reason = [] };
        ShouldMatch(OpCodeJsonConverter.ToJsonObject(op), WithoutNulls(RecordedTagsSet()));
    }

    [Fact]
    public void OpTagsSet_EveryParameterSet_HasTheRecordedKeys()
    {
        var op = new OpTagsSet(TagKind.Cluster, ["luxi:capture"])
        {
            Name = string.Empty,
            DryRun = false,
            DebugLevel = 0,
            Priority = 0,
            Depends = [AnyDependency],
            Comment = "c",
            Reason = [],
        };
        OpCodeJsonConverter.ToJsonObject(op).Select(p => p.Key).Should().BeEquivalentTo(RecordedTagsSet().Select(p => p.Key));
    }

    [Fact]
    public void OpInstanceReboot_AsRecorded_SameValues()
    {
        var op = new OpInstanceReboot("inst1.ganeti.test", RebootType.Hard)
        {
            InstanceUuid = "0dcfa425-17fa-44a5-a343-466347db5bb5",
            ShutdownTimeout = 120,
            IgnoreSecondaries = false,
            DryRun = true,
            DebugLevel = 0,
            Priority = 0,
            Reason =
            [
                new ReasonEntry("gnt:library:rlib2:instances_name_reboot", string.Empty, 1795739706941314304),
                new ReasonEntry("gnt:opcode:instance_reboot", "job=31;index=0", 1795739706943461000),
            ],
        };
        ShouldMatch(OpCodeJsonConverter.ToJsonObject(op), WithoutNulls(JsonNode.Parse(RecordedReboot)!.AsObject()));
    }

    [Fact]
    public void OpInstanceReboot_EveryParameterSet_HasTheRecordedKeys()
    {
        var op = new OpInstanceReboot("inst1.ganeti.test", RebootType.Hard)
        {
            InstanceUuid = "u",
            ShutdownTimeout = 120,
            IgnoreSecondaries = false,
            DryRun = true,
            DebugLevel = 0,
            Priority = 0,
            Depends = [AnyDependency],
            Comment = "c",
            Reason = [],
        };
        OpCodeJsonConverter.ToJsonObject(op).Select(p => p.Key).Should().BeEquivalentTo(JsonNode.Parse(RecordedReboot)!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void OpInstanceReboot_AsRapiSubmitsIt_GoldenJson() =>
        OpJson.Of(new OpInstanceReboot("inst1.ganeti.test", RebootType.Hard) { DryRun = true, Reason = OpJson.Rapi("instances_name_reboot") })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_REBOOT","instance_name":"inst1.ganeti.test","reboot_type":"hard","dry_run":true,"reason":[["gnt:library:rlib2:instances_name_reboot","",1795739706941314304]]}""");

    [Fact]
    public void OpTagsSet_AsRecorded_GoldenJson() =>
        OpJson.Of(new OpTagsSet(TagKind.Cluster, ["luxi:capture"]) { Priority = 0, Reason = [] })
            .Should().Be("""{"OP_ID":"OP_TAGS_SET","kind":"cluster","tags":["luxi:capture"],"priority":0,"reason":[]}""");
}
