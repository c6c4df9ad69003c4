using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests;

public sealed class EndpointTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private static readonly string[] InstanceFields =
    [
        "name", "admin_state", "os", "pnode", "snodes", "disk_template", "nic.ips", "nic.macs", "nic.modes", "nic.uuids",
        "nic.names", "nic.links", "nic.networks", "nic.networks.names", "nic.bridges", "network_port", "disk.sizes",
        "disk.spindles", "disk_usage", "disk.uuids", "disk.names", "beparams", "hvparams", "oper_state", "oper_ram",
        "oper_vcpus", "status", "custom_hvparams", "custom_beparams", "custom_nicparams", "custom_osparams",
        "ctime", "mtime", "uuid", "serial_no", "tags",
    ];

    private static readonly string[] NodeFields =
    [
        "name", "offline", "master_candidate", "drained", "dtotal", "dfree", "sptotal", "spfree", "mtotal", "mnode", "mfree",
        "pinst_cnt", "sinst_cnt", "ctotal", "cnos", "cnodes", "csockets", "pip", "sip", "role", "pinst_list", "sinst_list",
        "master_capable", "vm_capable", "ndparams", "group.uuid", "ctime", "mtime", "uuid", "serial_no", "tags",
    ];

    private static readonly string[] JobFields = ["id", "ops", "status", "summary", "opstatus", "received_ts", "start_ts", "end_ts", "oplog", "opresult"];

    private HttpClient Client(string? user = null, string? password = null)
    {
        var client = factory.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> Send(HttpClient client, HttpMethod method, string uri, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, uri);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        text.Should().EndWith("\n");
        return (response.StatusCode, JsonNode.Parse(text), text);
    }

    [Theory]
    [InlineData("/", "null")]
    [InlineData("/2", "null")]
    [InlineData("/version", "2")]
    public async Task FixedResources_AnswerGanetiValues(string uri, string expected)
    {
        var (status, _, text) = await Send(Client(), HttpMethod.Get, uri);
        status.Should().Be(HttpStatusCode.OK);
        text.Should().Be(expected + "\n");
    }

    [Fact]
    public async Task Features_AreTheFourOfGaneti3()
    {
        var (_, body, _) = await Send(Client(), HttpMethod.Get, "/2/features");
        body!.AsArray().Select(f => f!.GetValue<string>()).Should().BeEquivalentTo("instance-create-reqv1", "instance-reinstall-reqv1", "node-migrate-reqv1", "node-evac-res1");
    }

    [Fact]
    public async Task Info_HasClusterKeysAndAliases()
    {
        var (status, body, _) = await Send(Client(), HttpMethod.Get, "/2/info");
        status.Should().Be(HttpStatusCode.OK);
        var info = body!.AsObject();
        info["name"]!.GetValue<string>().Should().Be("cluster.example.com");
        info["master"]!.GetValue<string>().Should().Be("node1.example.com");
        info["default_hypervisor"]!.GetValue<string>().Should().Be("fake");
        info["vg_name"]!.GetValue<string>().Should().Be(info["volume_group_name"]!.GetValue<string>());
        info.Should().ContainKeys("ipolicy", "tags", "enabled_disk_templates", "drbd_helper", "software_version", "protocol_version");
        info["ipolicy"]!.AsObject().Should().ContainKeys("minmax", "std", "disk-templates", "vcpu-ratio", "spindle-ratio");
    }

    [Fact]
    public async Task Instances_PlainAndBulk_HaveGanetiShapes()
    {
        var (_, plain, _) = await Send(Client(), HttpMethod.Get, "/2/instances");
        var index = plain!.AsArray();
        index.Count.Should().BeGreaterThanOrEqualTo(6);
        index[0]!.AsObject().Select(p => p.Key).Should().Equal("id", "uri");
        index[0]!["uri"]!.GetValue<string>().Should().Be("/2/instances/" + index[0]!["id"]!.GetValue<string>());

        var (_, bulk, _) = await Send(Client(), HttpMethod.Get, "/2/instances?bulk=1");
        var instances = bulk!.AsArray().Select(i => i!.AsObject()).ToList();
        instances.Should().HaveCount(index.Count);
        instances.Should().AllSatisfy(i => i.Select(p => p.Key).Should().Equal(InstanceFields));
        instances.Should().Contain(i => i["disk_template"]!.GetValue<string>() == "drbd" && i["snodes"]!.AsArray().Count == 1);
        instances.Should().AllSatisfy(i => i["beparams"]!["memory"]!.GetValue<int>().Should().Be(i["beparams"]!["maxmem"]!.GetValue<int>()));
        instances.Select(i => i["os"]!.GetValue<string>()).Should().AllBe("noop");
    }

    [Fact]
    public async Task Instance_ShortName_ResolvesAndUnknownIs404()
    {
        var (status, body, _) = await Send(Client(), HttpMethod.Get, "/2/instances/web1");
        status.Should().Be(HttpStatusCode.OK);
        body!["name"]!.GetValue<string>().Should().Be("web1.example.com");

        var (missing, error, _) = await Send(Client(), HttpMethod.Get, "/2/instances/nosuch.example.com");
        missing.Should().Be(HttpStatusCode.NotFound);
        error!["code"]!.GetValue<int>().Should().Be(404);
        error["explain"]!.GetValue<string>().Should().Be("Nothing matches the given URI");
    }

    [Fact]
    public async Task Nodes_PlainBulkAndRole()
    {
        var (_, plain, _) = await Send(Client(), HttpMethod.Get, "/2/nodes");
        plain!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Should().StartWith("node1.example.com");
        var (_, bulk, _) = await Send(Client(), HttpMethod.Get, "/2/nodes?bulk=1");
        bulk!.AsArray().Should().AllSatisfy(n => n!.AsObject().Select(p => p.Key).Should().Equal(NodeFields));
        bulk.AsArray().Select(n => n!["group.uuid"]!.GetValue<string>()).Distinct().Should().HaveCount(2);

        (await Send(Client(), HttpMethod.Get, "/2/nodes/node1.example.com/role")).Text.Should().Be("\"master\"\n");
        (await Send(Client(), HttpMethod.Get, "/2/nodes/node2/role")).Text.Should().Be("\"master-candidate\"\n");
        (await Send(Client(), HttpMethod.Get, "/2/nodes/nosuch/role")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reboot_ReturnsBareJobIdAndJobSucceeds()
    {
        var (status, body, text) = await Send(Client("admin", "adminpass"), HttpMethod.Post, "/2/instances/web2.example.com/reboot?type=soft&reason=maintenance");
        status.Should().Be(HttpStatusCode.OK);
        text.Trim().Should().MatchRegex("^[0-9]+$");
        var job = await WaitForJob(body!.GetValue<long>());
        job.Select(p => p.Key).Should().Equal(JobFields);
        job["status"]!.GetValue<string>().Should().Be("success");
        job["summary"]![0]!.GetValue<string>().Should().Be("INSTANCE_REBOOT(web2.example.com)");
        var op = job["ops"]![0]!;
        op["OP_ID"]!.GetValue<string>().Should().Be("OP_INSTANCE_REBOOT");
        op["reboot_type"]!.GetValue<string>().Should().Be("soft");
        op["reason"]!.AsArray().Select(r => r![0]!.GetValue<string>()).Should().Equal("gnt:user", "gnt:library:rlib2:instances_name_reboot", "gnt:opcode:instance_reboot");
        job["received_ts"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Reboot_DryRun_LogsAndSucceeds()
    {
        var (_, body, _) = await Send(Client("admin", "adminpass"), HttpMethod.Post, "/2/instances/db1/reboot?dry-run=1", "{\"shutdown_timeout\": 10}");
        var job = await WaitForJob(body!.GetValue<long>());
        job["ops"]![0]!["dry_run"]!.GetValue<bool>().Should().BeTrue();
        job["ops"]![0]!["shutdown_timeout"]!.GetValue<int>().Should().Be(10);
        job["oplog"]![0]![0]![3]!.GetValue<string>().Should().Contain("dry-run mode requested");
    }

    [Fact]
    public async Task Reboot_UnknownInstance_JobFailsWithUnknownEntity()
    {
        var (_, body, _) = await Send(Client("admin", "adminpass"), HttpMethod.Post, "/2/instances/nosuch/reboot");
        var job = await WaitForJob(body!.GetValue<long>());
        job["status"]!.GetValue<string>().Should().Be("error");
        JsonNode.DeepEquals(job["opresult"]![0], JsonNode.Parse("""["OpPrereqError",["Instance 'nosuch' not known","unknown_entity"]]""")).Should().BeTrue();
    }

    [Fact]
    public async Task Evacuate_SecondaryOnly_SubmitsMoveJobs()
    {
        var (status, body, _) = await Send(Client("admin", "adminpass"), HttpMethod.Post, "/2/nodes/node2/evacuate", "{\"mode\": \"secondary-only\"}");
        status.Should().Be(HttpStatusCode.OK);
        var job = await WaitForJob(body!.GetValue<long>());
        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        var jobs = job["opresult"]![0]!["jobs"]!.AsArray();
        jobs.Should().NotBeEmpty();
        foreach (var entry in jobs)
        {
            entry![0]!.GetValue<bool>().Should().BeTrue();
            (await WaitForJob(entry[1]!.GetValue<long>()))["status"]!.GetValue<string>().Should().Be("success");
        }

        var (_, node, _) = await Send(Client(), HttpMethod.Get, "/2/nodes?bulk=1");
        node!.AsArray().Single(n => n!["name"]!.GetValue<string>() == "node2.example.com")!["sinst_cnt"]!.GetValue<int>().Should().Be(0);
    }

    [Theory]
    [InlineData("{}", "Invalid body parameters: (\"Parameter 'OP_NODE_EVACUATE.mode' fails validation\", 'wrong_input')")]
    [InlineData("{\"mode\": \"all\", \"node_name\": \"x\"}", "Can't overwrite static parameters {'node_name'}")]
    public async Task Evacuate_BadBody_400WithGanetiMessage(string json, string message)
    {
        var (status, body, _) = await Send(Client("admin", "adminpass"), HttpMethod.Post, "/2/nodes/node2/evacuate", json);
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.GetValue<string>().Should().Be(message);
        body["explain"]!.GetValue<string>().Should().Be("Bad request syntax or unsupported method");
    }

    [Fact]
    public async Task Job_Unknown_IsRowOfNulls()
    {
        var (status, body, _) = await Send(Client(), HttpMethod.Get, "/2/jobs/99999");
        status.Should().Be(HttpStatusCode.OK);
        body!["id"]!.GetValue<long>().Should().Be(99999);
        body["status"].Should().BeNull();
        (await Send(Client(), HttpMethod.Get, "/2/jobs/abc")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("DELETE", "/2/info", "Method DELETE is unsupported for path /2/info")]
    [InlineData("PUT", "/version", "Method PUT is unsupported for path /version")]
    [InlineData("GET", "/2/instances/web1/reboot", "Method GET is unsupported for path /2/instances/web1/reboot")]
    [InlineData("POST", "/2/nodes", "Method POST is unsupported for path /2/nodes")]
    [InlineData("HEAD", "/2/info", "")]
    public async Task UnsupportedMethod_Is501(string method, string uri, string message)
    {
        using var response = await Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), uri));
        response.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        if (message.Length > 0)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            body["message"]!.GetValue<string>().Should().Be(message);
            body["code"]!.GetValue<int>().Should().Be(501);
        }
    }

    [Theory]
    [InlineData("/2/nosuchthing")]
    [InlineData("/3/instances")]
    [InlineData("/2/instances/web1/nosuch")]
    [InlineData("/2/instances/")]
    public async Task UnknownPath_Is404(string uri) =>
        (await Send(Client(), HttpMethod.Get, uri)).Status.Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task Auth_WritesNeedWriteUser()
    {
        using var anonymous = await Client().PostAsync("/2/instances/web1/reboot", null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"Ganeti Remote API\"");
        (await Send(Client("reader", "readerpass"), HttpMethod.Post, "/2/instances/web1/reboot")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await Send(Client("plain", "plainpass"), HttpMethod.Post, "/2/instances/web1/reboot")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await Send(Client("admin", "wrong"), HttpMethod.Get, "/2/info")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Send(Client("ha1", "secret"), HttpMethod.Post, "/2/instances/web1/reboot?dry-run=1")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(Client("reader", "readerpass"), HttpMethod.Get, "/2/info")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Body_WrongContentTypeIs415_BadJsonIs400()
    {
        (await Send(Client("admin", "adminpass"), HttpMethod.Post, "/2/instances/web1/reboot", "{}", "text/plain")).Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        var (status, body, _) = await Send(Client("admin", "adminpass"), HttpMethod.Post, "/2/instances/web1/reboot", "{\"shutdown");
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.GetValue<string>().Should().Be("Unable to parse JSON data");
    }

    [Theory]
    [InlineData("/2/instances?bulk=yes", "Invalid value for the 'bulk' parameter")]
    [InlineData("/2/nodes?bulk=1.5", "Invalid value for the 'bulk' parameter")]
    public async Task QueryInt_NotAnInteger_400(string uri, string message)
    {
        var (status, body, _) = await Send(Client(), HttpMethod.Get, uri);
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.GetValue<string>().Should().Be(message);
    }

    [Fact]
    public async Task Lock_SyncQueriesRefused_400()
    {
        var (status, body, _) = await Send(Client(), HttpMethod.Get, "/2/instances?bulk=1&lock=1");
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.GetValue<string>().Should().Be("Sync queries are not allowed");
    }

    [Fact]
    public async Task Body_KeyGivenTwice_TheLastValueCounts_AsInPython()
    {
        var (status, body, _) = await Send(Client("admin", "adminpass"), HttpMethod.Post, "/2/instances/web1/reboot?dry-run=1", """{"shutdown_timeout": 1, "shutdown_timeout": 42}""");

        status.Should().Be(HttpStatusCode.OK);
        var job = await WaitForJob(body!.GetValue<long>());
        job["ops"]![0]!["shutdown_timeout"]!.GetValue<int>().Should().Be(42);
    }

    [Theory]
    [InlineData("/2/instances/web1.example.com%0A/reboot")]
    [InlineData("/2/instances/web1%0A")]
    public async Task Name_WithATrailingNewline_IsNoName(string uri) =>
        (await Send(Client("admin", "adminpass"), uri.EndsWith("reboot", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, uri)).Status.Should().Be(HttpStatusCode.NotFound);

    /// <summary>Follows a job with the long poll until it ends (no polling with sleeps).</summary>
    private Task<JsonObject> WaitForJob(long id) => RapiTestClient.For(factory, RapiTestClient.Admin).WaitForJobAsync(id);
}
