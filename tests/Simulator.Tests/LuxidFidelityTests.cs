using System.Text.Json.Nodes;
using Ganeti.Application.Errors;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// Answers the differential against Ganeti 3.0 found different, now given as luxid and its
/// jobs give them (demo cluster: node1 is the master; files1 is a file instance on node2).
/// </summary>
public sealed class LuxidFidelityTests : IAsyncLifetime
{
    /// <summary>JSON as luxid writes it: quotes and apostrophes in messages unescaped.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private SimulatorFixture _sim = null!;

    public Task InitializeAsync()
    {
        _sim = new SimulatorFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private async Task<JsonNode?> Run(string opId, string args)
    {
        var op = JsonNode.Parse(args)!.AsObject();
        op["OP_ID"] = opId;
        op["reason"] = new JsonArray();
        var id = (await _sim.Call("SubmitJob", new JsonArray(op)))!.GetValue<long>();
        await _sim.WaitForJobAsync(id);
        return (await _sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult")))![0]![0]![0]?.DeepClone();
    }

    [Theory]
    [InlineData("""{"node_name": "node1", "master_capable": false, "auto_promote": true, "dry_run": true}""", """["OpPrereqError",["Master must remain master capable","wrong_state"]]""")]
    [InlineData("""{"node_name": "node1", "vm_capable": false, "dry_run": true}""", """["OpPrereqError",["Node node1.example.com hosts instances, cannot unset the vm_capable flag","wrong_state"]]""")]
    [InlineData("""{"node_name": "node3", "powered": false}""", """["OpPrereqError",["Please pass at least one modification","wrong_input"]]""")]
    [InlineData("""{"node_name": "node3", "ndparams": {"nosuch": 1}}""", """["TypeEnforcementError",["Unknown parameter 'nosuch'"]]""")]
    [InlineData("""{"node_name": "node3", "drained": true}""", """["OpPrereqError",["Not enough master candidates, please pass auto promote option to allow promotion (--auto-promote or RAPI auto_promote=True)","wrong_state"]]""")]
    public async Task NodeSetParams_RefusedAsGanetiRefusesIt(string args, string refusal)
    {
        var result = await Run("OP_NODE_SET_PARAMS", args);

        result!.ToJsonString(Plain).Should().Be(refusal);
    }

    [Fact]
    public async Task NodeSetParams_NodeParameters_DefaultRemovesAKey_AndTheAnswerListsNoParameters()
    {
        (await Run("OP_NODE_SET_PARAMS", """{"node_name": "node3", "ndparams": {"spindle_count": "2"}}"""))!.ToJsonString(Plain).Should().Be("[]");
        (await CustomNdparams("node3")).Should().Be("""{"spindle_count":2}""");

        (await Run("OP_NODE_SET_PARAMS", """{"node_name": "node3", "ndparams": {"spindle_count": "default"}}"""))!.ToJsonString(Plain).Should().Be("[]");
        (await CustomNdparams("node3")).Should().Be("{}");
    }

    private async Task<string> CustomNdparams(string node) =>
        (await _sim.Call("QueryNodes", new JsonArray(node), new JsonArray("custom_ndparams"), false))![0]![0]!.ToJsonString(Plain);

    [Fact]
    public async Task InstanceStartup_UnknownBackendParameter_IsATypeError()
    {
        var result = await Run("OP_INSTANCE_STARTUP", """{"instance_name": "batch1", "beparams": {"nosuch": 1}}""");

        result!.ToJsonString(Plain).Should().Be("""["TypeEnforcementError",["Unknown parameter 'nosuch'"]]""");
    }

    [Fact]
    public async Task ReplaceDisks_OfAnInstanceWithoutSecondary_IsAStrangeLayout()
    {
        var result = await Run("OP_INSTANCE_REPLACE_DISKS", """{"instance_name": "files1", "mode": "replace_auto"}""");

        result!.ToJsonString(Plain).Should().Be("""["OpPrereqError",["The instance has a strange layout, expected one secondary but found 0","internal_error"]]""");
    }

    [Theory]
    [InlineData("OP_INSTANCE_FAILOVER")]
    [InlineData("OP_INSTANCE_MIGRATE")]
    public async Task MoveToItsOwnPrimary_IsRefused(string opId)
    {
        var result = await Run(opId, """{"instance_name": "batch1", "target_node": "node4", "dry_run": true}""");

        result!.ToJsonString(Plain).Should().Be("""["OpPrereqError",["Cannot migrate instance batch1.example.com to its primary (node4.example.com)","wrong_state"]]""");
    }

    [Fact]
    public async Task Tags_OfAnUnknownKind_AreRefusedAtSubmission_AndAnUnknownGroupIsANodeGroup()
    {
        var refused = () => _sim.Call("SubmitJob", new JsonArray(new JsonObject { ["OP_ID"] = "OP_TAGS_GET", ["reason"] = new JsonArray(), ["kind"] = "bogus" }));

        (await refused.Should().ThrowAsync<MasterProtocolException>()).Which.Message.Should().Contain("Can't parse value for 'kind': Invalid string value for type TagKind: \"bogus\"");
        (await Run("OP_TAGS_SET", """{"kind": "nodegroup", "name": "nosuch", "tags": ["x"]}"""))!.ToJsonString(Plain).Should().Be("""["OpPrereqError",["Node group 'nosuch' not found","unknown_entity"]]""");
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("true")]
    [InlineData("[1]")]
    public async Task SetWatcherPause_AnythingButANumber_ClearsThePause_AndAnswersNull(string value)
    {
        (await _sim.Call("SetWatcherPause", 4102444800))!.GetValue<long>().Should().Be(4102444800);

        (await _sim.Call("SetWatcherPause", JsonNode.Parse(value))).Should().BeNull();
        (await _sim.Call("QueryConfigValues", new JsonArray("watcher_pause")))!.ToJsonString(Plain).Should().Be("[null]");
    }
}
