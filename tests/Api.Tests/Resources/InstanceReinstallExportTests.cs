using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Reinstalling instances, and preparing, making and removing exports.</summary>
public sealed class InstanceReinstallExportTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private RapiTestClient Anonymous => RapiTestClient.For(factory);

    [Fact]
    public async Task Reinstall_BodyForm_ShutsDownReinstallsAndStarts()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/web1/reinstall", """{"os": "debootstrap+minimal", "osparams": {"dhcp": "yes"}, "unknown": "ignored"}""");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        job["ops"]!.AsArray().Select(o => o!["OP_ID"]!.GetValue<string>()).Should().Equal("OP_INSTANCE_SHUTDOWN", "OP_INSTANCE_REINSTALL", "OP_INSTANCE_STARTUP");
        job["ops"]![1]!["os_type"]!.GetValue<string>().Should().Be("debootstrap+minimal");
        job["ops"]![2]!["force"]!.GetValue<bool>().Should().BeFalse();
        var instance = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/web1");
        instance!["os"]!.GetValue<string>().Should().Be("debootstrap+minimal");
        instance["custom_osparams"]!["dhcp"]!.GetValue<string>().Should().Be("yes");
        instance["status"]!.GetValue<string>().Should().Be("running");
    }

    [Fact]
    public async Task Reinstall_LegacyQueryForm_WithoutStartup()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/web2/reinstall?os=noop&nostartup=1");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        job["ops"]!.AsArray().Select(o => o!["OP_ID"]!.GetValue<string>()).Should().Equal("OP_INSTANCE_SHUTDOWN", "OP_INSTANCE_REINSTALL");
        var instance = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/web2");
        instance!["os"]!.GetValue<string>().Should().Be("noop");
        instance["admin_state"]!.GetValue<string>().Should().Be("down");
    }

    [Fact]
    public async Task Reinstall_OfADisklessInstance_FailsAfterTheShutdown()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/batch1/reinstall", """{"start": false}""");

        job["status"]!.GetValue<string>().Should().Be("error");
        job["opstatus"]!.ToJsonString().Should().Be("""["success","error"]""");
        job["opresult"]![1]![1]![0]!.GetValue<string>().Should().Be("Instance 'batch1.example.com' has no disks");
    }

    [Fact]
    public async Task Reinstall_WithAnUnknownOs_FailsTheInstallStep()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/db1/reinstall", """{"os": "nosuch", "start": false}""");

        job["opresult"]![1]![0]!.GetValue<string>().Should().Be("OpExecError");
        job["opresult"]![1]![1]![0]!.GetValue<string>().Should().StartWith("Could not install OS for instance 'db1.example.com' on node 'node1.example.com'");
    }

    [Theory]
    [InlineData("/2/instances/web1/reinstall?reason=r", """{"start": false}""", "Can't combine query and body parameters")]
    [InlineData("/2/instances/web1/reinstall?nostartup=x", null, "Invalid value for the 'nostartup' parameter")]
    [InlineData("/2/instances/web1/reinstall", "[1]", "Invalid body contents, not a dictionary")]
    [InlineData("/2/instances/web1/reinstall", """{"start": "yes"}""", "'start' parameter: Type is 'str', but 'bool' is expected")]
    [InlineData("/2/instances/web1/reinstall", """{"os": ""}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REINSTALL.os_type' fails validation\", 'wrong_input')")]
    public async Task Reinstall_BadRequest_Is400(string uri, string? body, string message)
    {
        var answer = await Admin.PostAsync(uri, body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task PrepareExport_LocalAnswersNothing_RemoteAnswersTheHandshake()
    {
        var local = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/cache1/prepare-export?mode=local");
        local["status"]!.GetValue<string>().Should().Be("success", local.ToJsonString());
        local["opresult"]![0].Should().BeNull();

        var remote = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/cache1/prepare-export?mode=remote");
        var answer = remote["opresult"]![0]!.AsObject();
        answer.Select(p => p.Key).Should().BeEquivalentTo("handshake", "x509_key_name", "x509_ca");
        answer["x509_key_name"]!.AsArray().Should().HaveCount(3);
    }

    [Theory]
    [InlineData("/2/instances/cache1/prepare-export", "Invalid body parameters: (\"Parameter 'OP_BACKUP_PREPARE.mode' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/cache1/prepare-export?mode=bogus", "Invalid body parameters: (\"Parameter 'OP_BACKUP_PREPARE.mode' fails validation\", 'wrong_input')")]
    public async Task PrepareExport_WithoutAValidMode_Is400(string uri, string message)
    {
        var answer = await Admin.PutAsync(uri);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Export_KeptOnTheTargetNode_MovedByTheNextExport_AndRemoved()
    {
        var first = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/cache1/export", """{"destination": "node3", "shutdown": false}""");

        first["status"]!.GetValue<string>().Should().Be("success", first.ToJsonString());
        first["opresult"]![0]!.ToJsonString().Should().Be("[true,[true]]");
        (await Exports()).Should().Equal("node3.example.com:cache1.example.com");

        var second = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/cache1/export", """{"destination": "node1.example.com", "mode": "local"}""");
        second["status"]!.GetValue<string>().Should().Be("success", second.ToJsonString());
        (await Exports()).Should().Equal("node1.example.com:cache1.example.com");
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/cache1"))!["status"]!.GetValue<string>().Should().Be("running");

        var removed = await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/cache1/export");
        removed["status"]!.GetValue<string>().Should().Be("success", removed.ToJsonString());
        (await Exports()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"destination": "nosuch"}""", "Node 'nosuch' not known")]
    [InlineData("""{"destination": "node3", "remove_instance": true, "shutdown": false}""", "Can not remove instance without shutting it down before")]
    [InlineData("""{"destination": ["x"], "mode": "remote"}""", "Missing X509 key name for encryption")]
    [InlineData("""{"destination": ["x"], "mode": "remote", "x509_key_name": ["k", "h", "s"]}""", "Missing destination X509 CA")]
    [InlineData("""{"destination": [], "mode": "remote", "x509_key_name": ["k", "h", "s"], "destination_x509_ca": "ca"}""", "Received destination information for 0 disks, but instance web1.example.com has 1 disks")]
    public async Task Export_Refusals_FailTheJob(string body, string message)
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web1/export", body);

        job["status"]!.GetValue<string>().Should().Be("error", job.ToJsonString());
        job["opresult"]![0]![1]![0]!.GetValue<string>().Should().Be(message);
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/web1")).Should().NotBeNull();
    }

    [Theory]
    [InlineData("{}", "Invalid body parameters: (\"Parameter 'OP_BACKUP_EXPORT.target_node' fails validation\", 'wrong_input')")]
    [InlineData("""{"destination": "node3", "target_node": "node3"}""", "Parameter 'destination' was renamed to 'target_node', but both are specified")]
    [InlineData("""{"destination": "node3", "mode": "copy"}""", "Invalid body parameters: (\"Parameter 'OP_BACKUP_EXPORT.mode' fails validation\", 'wrong_input')")]
    public async Task Export_BadBody_Is400(string body, string message)
    {
        var answer = await Admin.PutAsync("/2/instances/web1/export", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Export_WithRemoveInstance_RemovesIt()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/files1/export", """{"destination": "node2", "remove_instance": true}""");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        (await Anonymous.GetAsync("/2/instances/files1")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Exports()).Should().Contain("node2.example.com:files1.example.com");
        (await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/files1.example.com/export"))["status"]!.GetValue<string>().Should().Be("success");
    }

    /// <summary>The exports as <c>node:export</c>, from the export query.</summary>
    private async Task<List<string>> Exports()
    {
        var rows = await Admin.OkAsync(HttpMethod.Get, "/2/query/export?fields=node,export");
        return [.. rows!["data"]!.AsArray().Select(r => $"{r![0]![1]}:{r[1]![1]}")];
    }
}
