using System.Text.Json.Nodes;
using Ganeti.Application.Errors;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// luxid parses every parameter of a submitted opcode into its type and refuses the request
/// when one does not read; the answers below are Ganeti 3.0's luxid's, word for word.
/// </summary>
public sealed class SubmissionParseTests : IAsyncLifetime
{
    private SimulatorFixture _sim = null!;

    public Task InitializeAsync()
    {
        _sim = new SimulatorFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("""{"OP_ID":"OP_NODE_EVACUATE","node_name":"x","mode":"bogus"}""", "'mode': Invalid string value for type EvacMode: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_NODE_EVACUATE","node_name":"x","mode":5}""", "'mode': Can't parse value for 'EvacMode': Unable to read String")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_REBOOT","instance_name":"x","reboot_type":"bogus"}""", "'reboot_type': Invalid string value for type RebootType: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_TEST_DELAY","duration":"x"}""", "'duration': Unable to read Double")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_REPLACE_DISKS","instance_name":"x","mode":"bogus"}""", "'mode': Invalid string value for type ReplaceDisksMode: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_MIGRATE","instance_name":"x","mode":"bogus"}""", "'mode': Invalid string value for type MigrationMode: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_CREATE","instance_name":"x","mode":"create","disk_template":"bogus","disks":[],"nics":[]}""", "'disk_template': Invalid string value for type DiskTemplate: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_CREATE","instance_name":"x","mode":"bogus","disk_template":"diskless","disks":[],"nics":[]}""", "'mode': Invalid string value for type InstCreateMode: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_CREATE","instance_name":"x","mode":"create","disk_template":"diskless","disks":[],"nics":[],"hypervisor":"bogus"}""", "'hypervisor': Invalid string value for type Hypervisor: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_GROUP_ADD","group_name":"x","alloc_policy":"bogus"}""", "'alloc_policy': Invalid string value for type AllocPolicy: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_SHUTDOWN","instance_name":"x","admin_state_source":"bogus"}""", "'admin_state_source': Invalid string value for type AdminStateSource: \"bogus\"")]
    [InlineData("""{"OP_ID":"OP_TEST_DELAY","duration":1,"on_master":"yes"}""", "'on_master': Unable to read Bool")]
    [InlineData("""{"OP_ID":"OP_NODE_SET_PARAMS","node_name":"x","offline":"yes"}""", "'offline': Unable to read Bool")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_SHUTDOWN","instance_name":"x","timeout":"x"}""", "'timeout': Unable to read Int")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_SHUTDOWN","instance_name":"x","timeout":-1}""", "'timeout': Invalid value for non-negative type '-1'")]
    [InlineData("""{"OP_ID":"OP_INSTANCE_SHUTDOWN","instance_name":5}""", "'instance_name': Unable to read String")]
    [InlineData("""{"OP_ID":"OP_TAGS_SET","kind":"cluster","tags":"x"}""", "'tags': Unable to read list")]
    [InlineData("""{"OP_ID":"OP_NODE_QUERY_STORAGE","nodes":[1],"storage_type":"file","output_fields":["name"]}""", "'nodes': Unable to read String")]
    public async Task ParameterThatDoesNotRead_RefusesTheSubmission_AsLuxidDoes(string opcode, string problem)
    {
        var op = JsonNode.Parse(opcode)!.AsObject();
        op["reason"] = new JsonArray();
        op["dry_run"] = true;
        var jobsBefore = (await _sim.Call("QueryJobs", null, new JsonArray("id")))!.AsArray().Count;

        var submit = () => _sim.Call("SubmitJob", new JsonArray(op));

        (await submit.Should().ThrowAsync<MasterProtocolException>()).Which.Message.Should().Be($"Failed to parse request: SubmitJob: Can't parse value for {problem}");
        (await _sim.Call("QueryJobs", null, new JsonArray("id")))!.AsArray().Should().HaveCount(jobsBefore, "no job is made");
    }

    [Fact]
    public async Task FractionalNumber_ForAnInteger_IsAccepted_AsLuxidReadsIt()
    {
        var id = await _sim.Call("SubmitJob", new JsonArray(SimulatorJobs.Op("OP_INSTANCE_SHUTDOWN", """{"instance_name":"nosuch.example.com","timeout":1.5,"dry_run":true}""")));

        (await _sim.WaitForJobAsync(id!.GetValue<long>())).Should().Be("error", "it is the unknown instance that fails the job");
    }
}
