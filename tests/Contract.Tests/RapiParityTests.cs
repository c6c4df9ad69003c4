using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ganeti.Contract.Tests;

/// <summary>
/// The same request to the real ganeti-rapi and to our gateway on the same real luxid: the
/// status and the body must be equal (reads), and the opcodes the two submit must be stored
/// alike by luxid (writes, all dry runs or changes undone). Messages are compared without
/// Ganeti's HTML escaping; deliberate differences (docs/compatibility.md) are asserted as such.
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed class RapiParityTests(RealGanetiFixture cluster) : IDisposable
{
    private const string RealRapi = "https://127.0.0.1:15080";

    private readonly GatewayOnRealLuxi _gateway = new();

    public static readonly TheoryData<string, string, string?> Reads = new()
    {
        { "GET", "/2/groups", null },
        { "GET", "/2/groups?bulk=1", null },
        { "GET", "/2/groups/default", null },
        { "GET", "/2/networks", null },
        { "GET", "/2/networks?bulk=1", null },
        { "GET", "/2/networks/net1", null },
        { "GET", "/2/nodes/node1.ganeti.test", null },
        { "GET", "/2/nodes/node1", null },
        { "GET", "/2/nodes/node1.ganeti.test/role", null },
        { "GET", "/2/instances/inst3.ganeti.test", null },
        { "GET", "/2/tags", null },
        { "GET", "/2/instances/inst1.ganeti.test/tags", null },
        { "GET", "/2/nodes/node1.ganeti.test/tags", null },
        { "GET", "/2/groups/default/tags", null },
        { "GET", "/2/networks/net1/tags", null },
        { "GET", "/2/filters", null },
        { "GET", "/2/filters?bulk=1", null },
        { "GET", "/2/os", null },
        { "GET", "/2/query/instance?fields=name,status,admin_state,pnode,disk_template,be/maxmem,tags", null },
        { "GET", "/2/query/node?fields=name,%20role,mtotal,group", null },
        { "GET", "/2/query/group?fields=name,uuid,node_cnt,alloc_policy", null },
        { "GET", "/2/query/network?fields=name,network,free_count,reserved_count,group_list", null },
        { "GET", "/2/query/instance?fields=name,nosuchfield", null },
        { "PUT", "/2/query/instance", """{"fields": ["name", "status"], "qfilter": ["=", "admin_state", "up"]}""" },
        { "PUT", "/2/query/node?fields=name", """{"filter": ["=", "name", "node1.ganeti.test"]}""" },
        { "GET", "/2/query/instance/fields", null },
        { "GET", "/2/query/node/fields?fields=name,role,nosuch", null },
        { "GET", "/2/query/nosuch?fields=name", null },
        { "GET", "/2/groups/nosuch", null },
        { "GET", "/2/networks/nosuch", null },
        { "GET", "/2/nodes/nosuch.ganeti.test", null },
        { "GET", "/2/filters/00000000-0000-0000-0000-000000000000", null },
        { "GET", "/2/jobs/99999", null },
        { "GET", "/2/instances?bulk=yes", null },
        { "GET", "/2/query/instance", null },
        { "GET", "/2/nodes/node1.ganeti.test/storage?storage_type=file", null },
        { "PUT", "/2/tags?tag=x&dry-run=maybe", null },
        { "POST", "/2/filters", """{"priority": 1, "colour": "red"}""" },
        { "POST", "/2/filters", "[]" },
        { "POST", "/2/instances", """{"name": "parity.ganeti.test"}""" },
        { "POST", "/2/instances", """{"__version__": 3}""" },
        { "POST", "/2/instances-multi-alloc", """{"iallocator": "hail"}""" },
        { "POST", "/2/filters", """{"priority": 1, "predicates": [], "action": "EXPLODE"}""" },
        { "PUT", "/2/modify", """{"compression_tools": ["gzip"]}""" },
        { "PUT", "/2/modify", """{"candidate_pool_size": 0}""" },
        { "PUT", "/2/modify", """{"bogus_param": 1}""" },
        { "POST", "/2/groups", """{"name": "a", "group_name": "b"}""" },
        { "POST", "/2/groups", "{}" },
        { "PUT", "/2/groups/default/rename", """{"new_name": ""}""" },
        { "PUT", "/2/nodes/node1.ganeti.test/role", "\"superstar\"" },
        { "PUT", "/2/nodes/node1.ganeti.test/role", """{"role": "drained"}""" },
        { "PUT", "/2/instances/inst1.ganeti.test/shutdown", """{"no_remember": true}""" },
        { "PUT", "/2/instances/inst1.ganeti.test/migrate", """{"mode": "fast"}""" },
        { "POST", "/2/instances/inst1.ganeti.test/reboot?type=reset", null },
        { "POST", "/2/instances/inst1.ganeti.test/reboot", """{"dry_run": true}""" },
        { "POST", "/2/instances/inst1.ganeti.test/reboot", """{"shutdown_timeout": -1}""" },
        { "DELETE", "/2/jobs/99999", null },
        { "GET", "/2/jobs/2/wait", """{"fields": "status"}""" },
        { "GET", "/2/jobs/2/wait", """{"fields": ["status"], "previous_job_info": "x"}""" },
    };

    /// <summary>Requests that submit a job which changes nothing (dry runs, or values set to what they are).</summary>
    public static readonly TheoryData<string, string, string?> Submissions = new()
    {
        { "PUT", "/2/tags?tag=parity&tag=second&dry-run=1&reason=parity", null },
        { "DELETE", "/2/tags?tag=env:test&dry-run=1", null },
        { "PUT", "/2/instances/inst1.ganeti.test/tags?tag=parity&dry-run=1", null },
        { "PUT", "/2/nodes/node1.ganeti.test/tags?tag=parity&dry-run=1", """{"depends": [[1, ["success", "error", "canceled"]]]}""" },
        { "PUT", "/2/groups/default/tags?tag=parity&dry-run=1", null },
        { "DELETE", "/2/networks/net1/tags?tag=parity&dry-run=1", null },
        { "POST", "/2/instances/inst1.ganeti.test/reboot?type=soft&ignore_secondaries=1&dry-run=1", """{"shutdown_timeout": 30, "priority": -10, "comment": "parity"}""" },
        { "GET", "/2/instances/inst1.ganeti.test/info?static=1", null },
        { "GET", "/2/nodes/node1.ganeti.test/storage?storage_type=file&output_fields=name,size,used,free,allocatable", null },
        { "PUT", "/2/redistribute-config", null },
        { "PUT", "/2/modify", """{"candidate_pool_size": 10, "dry_run": true}""" },
        { "POST", "/2/groups?dry-run=1", """{"name": "parity-group", "alloc_policy": "last_resort"}""" },
        { "PUT", "/2/groups/default/rename?dry-run=1", """{"new_name": "parity-group"}""" },
        { "DELETE", "/2/groups/nosuch-group", null },
        { "DELETE", "/2/groups/default?dry-run=1", """{"force": true}""" },
        { "PUT", "/2/nodes/node1.ganeti.test/role?force=1&auto-promote=1&dry-run=1", "\"master-candidate\"" },
        { "PUT", "/2/nodes/node1.ganeti.test/role", "\"drained\"" },
        { "POST", "/2/nodes/node1.ganeti.test/modify", """{"drained": true, "dry_run": true}""" },
        { "PUT", "/2/instances/inst1.ganeti.test/startup?force=1&dry-run=1", """{"depends": [[1, ["success", "error", "canceled"]]]}""" },
        { "PUT", "/2/instances/inst1.ganeti.test/shutdown?no_remember=1&dry-run=1", """{"timeout": 7}""" },
        { "PUT", "/2/instances/inst1.ganeti.test/failover", """{"dry_run": true}""" },
        { "PUT", "/2/instances/inst1.ganeti.test/migrate", """{"mode": "live", "dry_run": true}""" },
        { "POST", "/2/instances?dry-run=1", """{"__version__": 1, "name": "parity-new.ganeti.test", "os": "noop", "mode": "create", "disk_template": "file", "disks": [{"size": 1024, "mode": "rw"}], "nics": [{"mac": "generate"}], "pnode": "node1.ganeti.test", "beparams": {"maxmem": 256}, "hvparams": {"usb_devices": "a b"}, "name_check": false, "ip_check": false, "no_install": true}""" },
        { "POST", "/2/instances-multi-alloc?dry-run=1", """{"instances": [{"name": "parity-m1.ganeti.test", "os": "noop", "mode": "create", "disk_template": "diskless", "disks": [], "nics": [{}], "pnode": "node1.ganeti.test", "name_check": false, "ip_check": false}]}""" },
        { "PUT", "/2/instances/inst3.ganeti.test/rename", """{"new_name": "parity-renamed.ganeti.test", "name_check": false, "ip_check": false, "dry_run": true}""" },
        { "DELETE", "/2/instances/inst3.ganeti.test?dry-run=1", """{"shutdown_timeout": 30}""" },
        { "POST", "/2/networks?dry-run=1", """{"name": "parity-net", "network": "10.254.3.0/28", "gateway": null, "add_reserved_ips": ["10.254.3.4"], "tags": ["p:q"]}""" },
        { "DELETE", "/2/networks/net1?dry-run=1", """{"force": true}""" },
        { "PUT", "/2/networks/net1/connect?dry-run=1", """{"group_name": "default", "network_mode": "routed", "network_link": "rt0", "conflicts_check": false}""" },
        { "PUT", "/2/networks/net1/disconnect?dry-run=1", """{"group_name": "default"}""" },
        { "PUT", "/2/networks/net1/modify?dry-run=1", """{"mac_prefix": "AA:00:02", "remove_reserved_ips": ["203.0.113.9"], "dry_run": true}""" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_SameStatusAndBody(string method, string uri, string? body)
    {
        _ = cluster;
        var (realStatus, real) = await SendAsync(Real(), method, uri, body);
        var (ourStatus, ours) = await SendAsync(Ours(), method, uri, body);

        if (IsDocumentedDifference(realStatus, ourStatus, real))
        {
            return;
        }

        ourStatus.Should().Be(realStatus, $"{method} {uri}: ours {ours?.ToJsonString()}, Ganeti's {real?.ToJsonString()}");
        var expected = Comparable(real);
        var actual = Comparable(ours);
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"{method} {uri}:\nours    {actual?.ToJsonString()}\nGaneti's {expected?.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Submissions))]
    public async Task Submission_LuxidStoresTheSameOpcodes(string method, string uri, string? body)
    {
        var realJob = await JobAsync(Real(), method, uri, body);
        var ourJob = await JobAsync(Ours(), method, uri, body);

        ourJob["status"]!.GetValue<string>().Should().Be(realJob["status"]!.GetValue<string>(), $"{method} {uri}");
        var expected = Normalized(realJob["ops"]);
        var actual = Normalized(ourJob["ops"]);
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"{method} {uri}:\nours    {actual?.ToJsonString()}\nGaneti's {expected?.ToJsonString()}");
        JsonNode.DeepEquals(ourJob["opresult"], realJob["opresult"]).Should().BeTrue($"{method} {uri} results: ours {ourJob["opresult"]?.ToJsonString()}, Ganeti's {realJob["opresult"]?.ToJsonString()}");
    }

    [Fact]
    public async Task Filters_AddReadDelete_SameRule()
    {
        var rule = $$"""{"priority": 7, "predicates": [["reason", ["=", "source", "{{RealGanetiFixture.Unique("parity")}}"]]], "action": "CONTINUE", "reason": [["parity", "test", 1]]}""";
        var realUuid = (await SendAsync(Real(), "POST", "/2/filters", rule)).Body!.GetValue<string>();
        var ourUuid = (await SendAsync(Ours(), "POST", "/2/filters", rule)).Body!.GetValue<string>();
        try
        {
            var real = (await SendAsync(Real(), "GET", $"/2/filters/{realUuid}", null)).Body!.AsObject();
            var ours = (await SendAsync(Ours(), "GET", $"/2/filters/{ourUuid}", null)).Body!.AsObject();
            ours.Select(p => p.Key).Should().Equal(real.Select(p => p.Key));
            foreach (var key in new[] { "priority", "predicates", "action" })
            {
                JsonNode.DeepEquals(ours[key], real[key]).Should().BeTrue(key);
            }

            ours["reason_trail"]!.AsArray().Select(r => r![0]!.GetValue<string>()).Should().Equal(real["reason_trail"]!.AsArray().Select(r => r![0]!.GetValue<string>()));
        }
        finally
        {
            (await SendAsync(Ours(), "DELETE", $"/2/filters/{ourUuid}", null)).Status.Should().Be(HttpStatusCode.OK);
            (await SendAsync(Real(), "DELETE", $"/2/filters/{realUuid}", null)).Status.Should().Be(HttpStatusCode.OK);
        }
    }

    public void Dispose() => _gateway.Dispose();

    /// <summary>
    /// Where this service answers a client's mistake with the right 4xx and upstream with 500
    /// (docs/compatibility.md), or with 400 where upstream's master gives a parse error, or with
    /// 404 for a query resource that does not exist, where upstream passes luxid's parse failure on as 502.
    /// </summary>
    private static bool IsDocumentedDifference(HttpStatusCode real, HttpStatusCode ours, JsonNode? realBody) =>
        realBody is JsonObject { } error && error["message"]?.GetValue<string>() is { } message
        && ((real == HttpStatusCode.InternalServerError && ours is HttpStatusCode.NotFound or HttpStatusCode.BadRequest
                && (message.Contains("unknown_entity", StringComparison.Ordinal) || message.Contains("list index out of range", StringComparison.Ordinal) || message.Contains("not subscriptable", StringComparison.Ordinal)))
            || (real == HttpStatusCode.BadGateway && ours == HttpStatusCode.NotFound && message.Contains("nor QueryTypeOp", StringComparison.Ordinal)));

    private async Task<JsonObject> JobAsync(HttpClient client, string method, string uri, string? body)
    {
        var (status, id) = await SendAsync(client, method, uri, body);
        status.Should().Be(HttpStatusCode.OK, $"{method} {uri}: {id?.ToJsonString()}");
        var job = id!.GetValue<long>();
        cluster.Track(job);
        await cluster.FollowAsync(job);
        return (await cluster.CallAsync("QueryJobs", new JsonArray(job), new JsonArray("status", "ops", "opresult")))![0]!.AsArray() is var row
            ? new JsonObject { ["status"] = row[0]?.DeepClone(), ["ops"] = row[1]?.DeepClone(), ["opresult"] = row[2]?.DeepClone() }
            : throw new InvalidOperationException();
    }

    /// <summary>Stored opcodes without what differs between two submissions: reason timestamps, the job id in the trail, dependency ids.</summary>
    private static JsonNode? Normalized(JsonNode? ops)
    {
        var copy = ops?.DeepClone();
        foreach (var op in copy?.AsArray().OfType<JsonObject>() ?? [])
        {
            op["reason"] = new JsonArray([.. op["reason"]!.AsArray().Select(r => (JsonNode)new JsonArray(r![0]!.DeepClone(), r[0]!.GetValue<string>().StartsWith("gnt:opcode:", StringComparison.Ordinal) ? "job" : r[1]!.DeepClone()))]);
        }

        return copy;
    }

    /// <summary>A body as compared: Ganeti's HTML escaping of messages undone, and Ganeti 3.1's extra instance field removed.</summary>
    private static JsonNode? Comparable(JsonNode? body)
    {
        var copy = body?.DeepClone();
        if (copy is JsonObject { Count: 3 } error && error["message"] is JsonValue message && error.ContainsKey("explain"))
        {
            error["message"] = WebUtility.HtmlDecode(message.GetValue<string>());
        }

        foreach (var obj in copy switch { JsonArray list => list.OfType<JsonObject>(), JsonObject o => [o], _ => [] })
        {
            if (obj.ContainsKey("admin_state"))
            {
                obj.Remove("custom_osparams");
            }

            // A node's memory and disk use are read live from the host, which changes between the two requests.
            foreach (var live in new[] { "mfree", "mnode", "dfree" })
            {
                if (obj.ContainsKey("pinst_cnt") && obj[live] is JsonValue)
                {
                    obj[live] = "<live number>";
                }
            }
        }

        return copy;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpClient client, string method, string uri, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            parsed = JsonValue.Create(text);
        }

        return (response.StatusCode, parsed);
    }

    private static HttpClient Real()
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var client = new HttpClient(handler) { BaseAddress = new Uri(RealRapi) };
        client.DefaultRequestHeaders.Authorization = Admin();
        return client;
    }

    private HttpClient Ours()
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = Admin();
        return client;
    }

    private static AuthenticationHeaderValue Admin() => new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:adminpass")));

    private sealed class GatewayOnRealLuxi : WebApplicationFactory<Program>
    {
        private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "gw-parity-" + Guid.NewGuid().ToString("N")[..8]);

        public GatewayOnRealLuxi()
        {
            Directory.CreateDirectory(_dataDir);
            File.WriteAllText(Path.Combine(_dataDir, "users"), "admin adminpass write\n");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Rapi:LuxiSocket", Ganeti.Infrastructure.Luxi.LuxiOptions.DefaultSocketPath);
            builder.UseSetting("Rapi:DataDir", _dataDir);
            builder.UseSetting("Rapi:UsersFile", Path.Combine(_dataDir, "users"));
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Directory.Exists(_dataDir))
            {
                Directory.Delete(_dataDir, recursive: true);
            }
        }
    }
}
