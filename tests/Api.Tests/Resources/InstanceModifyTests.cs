using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary><c>PUT /2/instances/I/modify</c>: devices and parameters changed, and Ganeti's refusals.</summary>
public sealed class InstanceModifyTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private RapiTestClient Anonymous => RapiTestClient.For(factory);

    [Fact]
    public async Task BackendParametersAndANic_AddedThenRemovedWithTheLegacyForm()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/cache1/modify", """{"custom_beparams": {"vcpus": 3}, "nics": [["add", -1, {"link": "br1"}]]}""");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        var changes = Changes(job);
        changes["be/vcpus"]!.GetValue<int>().Should().Be(3);
        changes["nic.1"]!.GetValue<string>().Should().MatchRegex("^add:mac=aa:00:00:[0-9a-f:]{8},ip=None,mode=bridged,link=br1,network=None$");
        var instance = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/cache1");
        instance!["custom_beparams"]!["vcpus"]!.GetValue<int>().Should().Be(3);
        instance["nic.links"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("gntbr0", "br1");

        var removed = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/cache1/modify", """{"nics": [["remove", {}]], "beparams": {"vcpus": "default"}}""");

        removed["status"]!.GetValue<string>().Should().Be("success", removed.ToJsonString());
        removed["opresult"]![0]![0]!.ToJsonString().Should().Be("""["NIC/1","remove"]""");
        instance = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/cache1");
        instance!["nic.links"]!.AsArray().Should().HaveCount(1);
        instance["custom_beparams"]!.AsObject().ContainsKey("vcpus").Should().BeFalse();
    }

    [Fact]
    public async Task Disks_AddedModifiedByName_AndNotRemovedWhileRunning()
    {
        var added = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web2/modify", """{"disks": [["add", -1, {"size": "1G", "name": "data"}]]}""");
        added["status"]!.GetValue<string>().Should().Be("success", added.ToJsonString());
        added["opresult"]![0]![0]!.ToJsonString().Should().Be("""["disk/1","add:size=1024,mode=rw"]""");

        var renamed = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web2/modify", """{"disks": [["modify", "data", {"mode": "ro", "name": "spare"}]]}""");
        renamed["status"]!.GetValue<string>().Should().Be("success", renamed.ToJsonString());
        renamed["opresult"]![0]!.ToJsonString().Should().Be("""[["disk.mode/1","ro"],["disk.name/1","spare"]]""");
        var instance = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/web2");
        instance!["disk.sizes"]!.AsArray().Select(s => s!.GetValue<long>()).Should().Equal(10240, 1024);
        instance["disk.names"]![1]!.GetValue<string>().Should().Be("spare");

        var refused = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web2/modify", """{"disks": [["remove", "spare", {}]]}""");
        Error(refused).Should().Be("Instance 'web2.example.com' is marked to be up, can't remove volume from a running instance without using hotplug");
    }

    [Fact]
    public async Task DiskTemplate_DrbdToPlainAndBack_WhileTheInstanceIsDown()
    {
        (await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/db1/shutdown"))["status"]!.GetValue<string>().Should().Be("success");

        var plain = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/db1/modify", """{"disk_template": "plain"}""");
        plain["opresult"]![0]!.ToJsonString().Should().Be("""[["disk_template","plain"]]""", plain.ToJsonString());
        var instance = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/db1");
        instance!["disk_template"]!.GetValue<string>().Should().Be("plain");
        instance["snodes"]!.AsArray().Should().BeEmpty();

        var same = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/db1/modify", """{"disk_template": "drbd", "remote_node": "node1"}""");
        Error(same).Should().Be("Given new secondary node node1.example.com is the same as the primary node of the instance");

        var drbd = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/db1/modify", """{"disk_template": "drbd", "remote_node": "node3"}""");
        drbd["status"]!.GetValue<string>().Should().Be("success", drbd.ToJsonString());
        instance = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/db1");
        instance!["disk_template"]!.GetValue<string>().Should().Be("drbd");
        instance["snodes"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("node3.example.com");

        (await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/db1/startup"))["status"]!.GetValue<string>().Should().Be("success");
    }

    [Fact]
    public async Task OfflineAndOnline_ChangeTheAdminState()
    {
        var offline = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/batch1/modify", """{"offline": true}""");
        offline["opresult"]![0]!.ToJsonString().Should().Be("""[["admin_state","offline"]]""", offline.ToJsonString());
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/batch1"))!["admin_state"]!.GetValue<string>().Should().Be("offline");

        var online = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/batch1/modify", """{"offline": false}""");
        online["opresult"]![0]!.ToJsonString().Should().Be("""[["admin_state","down"]]""", online.ToJsonString());
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/batch1"))!["admin_state"]!.GetValue<string>().Should().Be("down");
    }

    [Theory]
    [InlineData("web1", "{}", "OpPrereqError", "No changes submitted")]
    [InlineData("web1", """{"nics": [["modify", 5, {}]]}""", "OpExecError", "Got NIC index 5, but there are only 1")]
    [InlineData("web1", """{"nics": [["remove", 0, {"ip": "192.0.2.9"}]]}""", "OpPrereqError", "No settings should be passed when removing or detaching a NIC")]
    [InlineData("web1", """{"nics": [["add", {}], ["add", {}]]}""", "OpPrereqError", "Only one NIC add/attach/remove/detach operation is supported at a time")]
    [InlineData("web1", """{"nics": [["modify", "nosuch", {"ip": "192.0.2.9"}]]}""", "OpPrereqError", "Cannot find NIC with identifier nosuch")]
    [InlineData("web1", """{"nics": [["add", -1, {"ip": "300.1.1.1"}]]}""", "OpPrereqError", "Invalid IP address '300.1.1.1'")]
    [InlineData("web1", """{"nics": [["modify", 0, {"mac": "auto"}]]}""", "OpPrereqError", "'auto' is not a valid MAC address when modifying an existing NIC")]
    [InlineData("web1", """{"nics": [["add", -1, {"network": "net1", "link": "br1"}]]}""", "OpPrereqError", "If network is given mode or link should not")]
    [InlineData("web1", """{"disks": [["modify", 0, {"size": 2048}]]}""", "OpPrereqError", "Disk size change not possible, use grow-disk")]
    [InlineData("web1", """{"disks": [["modify", "nosuch", {"mode": "ro"}]]}""", "OpPrereqError", "Lookup of disk 'nosuch' failed")]
    [InlineData("web1", """{"disks": [["add", -1, {"mode": "rw"}]]}""", "OpPrereqError", "Required disk parameter 'size' missing")]
    [InlineData("batch1", """{"disks": [["add", -1, {"size": 1024}]]}""", "OpPrereqError", "Must specify disk type on diskless instance")]
    [InlineData("web1", """{"disk_template": "drbd"}""", "OpPrereqError", "Instance already has disk template drbd")]
    [InlineData("web1", """{"disk_template": "plain"}""", "OpPrereqError", "Instance 'web1.example.com' is marked to be up, cannot change disk template")]
    [InlineData("batch1", """{"disk_template": "plain"}""", "OpPrereqError", "Conversion from the 'diskless' disk template is not supported")]
    [InlineData("web1", """{"disk_template": "plain", "disks": [["add", -1, {"size": 1}]]}""", "OpPrereqError", "Disk template conversion and other disk changes not supported at the same time")]
    [InlineData("web1", """{"offline": true}""", "OpPrereqError", "Instance 'web1.example.com' is marked to be up, can't change to offline without being down first")]
    [InlineData("web1", """{"runtime_mem": 64}""", "OpPrereqError", "Instance web1.example.com must have memory between 512 and 1024 MB of memory unless --force is given")]
    [InlineData("web1", """{"beparams": {"maxmem": 1048576}}""", "OpPrereqError", "This change will prevent the instance from starting, due to ")]
    [InlineData("web1", """{"beparams": {"nosuch": 1}}""", "TypeEnforcementError", "Unknown parameter 'nosuch'")]
    [InlineData("web1", """{"os_name": "nosuch"}""", "OpPrereqError", "OS 'nosuch' not in supported OS list for node node1.example.com")]
    public async Task Refusals_FailTheJobWithGanetisMessage(string instance, string body, string errorClass, string message)
    {
        var before = (await Anonymous.OkAsync(HttpMethod.Get, $"/2/instances/{instance}"))!["serial_no"]!.GetValue<long>();

        var job = await Admin.RunJobAsync(HttpMethod.Put, $"/2/instances/{instance}/modify", body);

        job["status"]!.GetValue<string>().Should().Be("error", job.ToJsonString());
        job["opresult"]![0]![0]!.GetValue<string>().Should().Be(errorClass);
        Error(job).Should().StartWith(message);
        (await Anonymous.OkAsync(HttpMethod.Get, $"/2/instances/{instance}"))!["serial_no"]!.GetValue<long>().Should().Be(before);
    }

    [Theory]
    [InlineData(null, "Body contents: Type is 'NoneType', but 'dict' is expected")]
    [InlineData("[1]", "Body contents: Type is 'list', but 'dict' is expected")]
    [InlineData("""{"nics": [["add", -1]]}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_SET_PARAMS.nics' fails validation\", 'wrong_input')")]
    [InlineData("""{"nics": [["add", -1, {"colour": "red"}]]}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_SET_PARAMS.nics' fails validation\", 'wrong_input')")]
    [InlineData("""{"disks": [["add", -1, {"size": "big"}]]}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_SET_PARAMS.disks' fails validation\", 'wrong_input')")]
    [InlineData("""{"disks": [["modify", 0, {}], ["modify", "data", {}]]}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_SET_PARAMS.disks' fails validation\", 'wrong_input')")]
    [InlineData("""{"custom_beparams": {}, "beparams": {}}""", "Parameter 'custom_beparams' was renamed to 'beparams', but both are specified")]
    [InlineData("""{"instance_name": "other"}""", "Can't overwrite static parameters {'instance_name'}")]
    [InlineData("""{"runtime_mem": 0}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_SET_PARAMS.runtime_mem' fails validation\", 'wrong_input')")]
    public async Task BadBody_Is400(string? body, string message)
    {
        var answer = await Admin.PutAsync("/2/instances/web1/modify", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task UsbDevices_SpacesBecomeCommas()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web1/modify", """{"hvparams": {"usb_devices": "a b"}, "dry_run": true}""");

        job["ops"]![0]!["hvparams"]!["usb_devices"]!.GetValue<string>().Should().Be("a,b");
    }

    private static JsonObject Changes(JsonObject job) =>
        new(job["opresult"]![0]!.AsArray().Select(c => KeyValuePair.Create(c![0]!.GetValue<string>(), c[1]?.DeepClone())));

    private static string Error(JsonObject job) => job["opresult"]![0]![1]![0]!.GetValue<string>();
}
