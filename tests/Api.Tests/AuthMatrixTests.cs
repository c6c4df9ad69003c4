using System.Net;
using Ganeti.Api.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ganeti.Api.Tests;

/// <summary>
/// Every method and path the service serves, called by anonymous, a user without options, a
/// <c>read</c> user, a <c>write</c> user and wrong credentials, with and without
/// <c>--require-authentication</c> (rapi-spec §2): the status is exactly 200, 401 or 403 as
/// Ganeti decides. Each route needs a request here that succeeds, so the matrix grows with the
/// route table.
/// </summary>
public sealed class AuthMatrixTests
{
    private const string WrongPassword = "admin:wrong";

    /// <summary>A request for each route that an allowed user gets 200 for; some need an object made first by <c>write</c>.</summary>
    private static readonly Dictionary<string, Func<RapiTestClient, Task<(string Uri, string? Body)>>> Samples = new(StringComparer.Ordinal)
    {
        ["GET /"] = Fixed("/"),
        ["GET /2"] = Fixed("/2"),
        ["GET /version"] = Fixed("/version"),
        ["GET /2/info"] = Fixed("/2/info"),
        ["GET /2/features"] = Fixed("/2/features"),
        ["GET /2/os"] = Fixed("/2/os"),
        ["PUT /2/modify"] = Fixed("/2/modify", "{}"),
        ["PUT /2/redistribute-config"] = Fixed("/2/redistribute-config"),
        ["GET /2/tags"] = Fixed("/2/tags"),
        ["PUT /2/tags"] = Fixed("/2/tags?tag=matrix&dry-run=1"),
        ["DELETE /2/tags"] = Fixed("/2/tags?tag=matrix&dry-run=1"),
        ["GET /2/instances"] = Fixed("/2/instances?bulk=1"),
        ["POST /2/instances"] = Fixed("/2/instances?dry-run=1", """{"__version__": 1, "name": "auth1.example.com", "os": "noop", "mode": "create", "disk_template": "diskless", "disks": [], "nics": [{}], "pnode": "node1.example.com"}"""),
        ["POST /2/instances-multi-alloc"] = Fixed("/2/instances-multi-alloc?dry-run=1", """{"instances": []}"""),
        ["GET /2/instances/{instanceName:ganetiName}"] = Fixed("/2/instances/web1"),
        ["DELETE /2/instances/{instanceName:ganetiName}"] = Fixed("/2/instances/web1?dry-run=1"),
        ["PUT /2/instances/{instanceName:ganetiName}/rename"] = Fixed("/2/instances/batch1/rename", """{"new_name": "batch9.example.com", "dry_run": true}"""),
        ["GET /2/instances/{instanceName:ganetiName}/info"] = Fixed("/2/instances/web1/info"),
        ["GET /2/instances/{instanceName:ganetiName}/console"] = Fixed("/2/instances/web1/console"),
        ["POST /2/instances/{instanceName:ganetiName}/reboot"] = Fixed("/2/instances/web1/reboot?dry-run=1"),
        ["PUT /2/instances/{instanceName:ganetiName}/startup"] = Fixed("/2/instances/web1/startup?dry-run=1"),
        ["PUT /2/instances/{instanceName:ganetiName}/shutdown"] = Fixed("/2/instances/web1/shutdown?dry-run=1"),
        ["PUT /2/instances/{instanceName:ganetiName}/failover"] = Fixed("/2/instances/web1/failover", """{"dry_run": true}"""),
        ["PUT /2/instances/{instanceName:ganetiName}/migrate"] = Fixed("/2/instances/web1/migrate", """{"dry_run": true}"""),
        ["PUT /2/instances/{instanceName:ganetiName}/modify"] = Fixed("/2/instances/web1/modify", """{"beparams": {"vcpus": 2}, "dry_run": true}"""),
        ["POST /2/instances/{instanceName:ganetiName}/reinstall"] = Fixed("/2/instances/web1/reinstall", """{"start": false}"""),
        ["POST /2/instances/{instanceName:ganetiName}/replace-disks"] = Fixed("/2/instances/web1/replace-disks", """{"mode": "replace_auto", "dry_run": true}"""),
        ["PUT /2/instances/{instanceName:ganetiName}/activate-disks"] = Fixed("/2/instances/web1/activate-disks"),
        ["PUT /2/instances/{instanceName:ganetiName}/deactivate-disks"] = Fixed("/2/instances/web1/deactivate-disks"),
        ["POST /2/instances/{instanceName:ganetiName}/recreate-disks"] = Fixed("/2/instances/web1/recreate-disks", """{"dry_run": true}"""),
        ["POST /2/instances/{instanceName:ganetiName}/disk/{disk:jobId}/grow"] = Fixed("/2/instances/web1/disk/0/grow", """{"amount": 128, "dry_run": true}"""),
        ["PUT /2/instances/{instanceName:ganetiName}/prepare-export"] = Fixed("/2/instances/web1/prepare-export?mode=local"),
        ["PUT /2/instances/{instanceName:ganetiName}/export"] = Fixed("/2/instances/web1/export", """{"destination": "node3", "dry_run": true}"""),
        ["DELETE /2/instances/{instanceName:ganetiName}/export"] = Fixed("/2/instances/web1/export", """{"dry_run": true}"""),
        ["GET /2/instances/{name:ganetiName}/tags"] = Fixed("/2/instances/web1/tags"),
        ["PUT /2/instances/{name:ganetiName}/tags"] = Fixed("/2/instances/web1/tags?tag=m&dry-run=1"),
        ["DELETE /2/instances/{name:ganetiName}/tags"] = Fixed("/2/instances/web1/tags?tag=m&dry-run=1"),
        ["GET /2/nodes"] = Fixed("/2/nodes"),
        ["GET /2/nodes/{nodeName:ganetiName}"] = Fixed("/2/nodes/node1"),
        ["GET /2/nodes/{nodeName:ganetiName}/role"] = Fixed("/2/nodes/node1/role"),
        ["PUT /2/nodes/{nodeName:ganetiName}/role"] = Fixed("/2/nodes/node3/role?dry-run=1", "\"drained\""),
        ["POST /2/nodes/{nodeName:ganetiName}/modify"] = Fixed("/2/nodes/node3/modify", """{"drained": true, "dry_run": true}"""),
        ["GET /2/nodes/{nodeName:ganetiName}/storage"] = Fixed("/2/nodes/node1/storage?output_fields=name"),
        ["POST /2/nodes/{nodeName:ganetiName}/evacuate"] = Fixed("/2/nodes/node3/evacuate?dry-run=1", """{"mode": "secondary-only"}"""),
        ["POST /2/nodes/{nodeName:ganetiName}/migrate"] = Fixed("/2/nodes/node3/migrate", """{"dry_run": true}"""),
        ["POST /2/nodes/{nodeName:ganetiName}/powercycle"] = Fixed("/2/nodes/node3/powercycle", """{"dry_run": true}"""),
        ["PUT /2/nodes/{nodeName:ganetiName}/storage/modify"] = Fixed("/2/nodes/node3/storage/modify?storage_type=lvm-pv&name=/dev/sdb"),
        ["PUT /2/nodes/{nodeName:ganetiName}/storage/repair"] = Fixed("/2/nodes/node3/storage/repair?storage_type=lvm-vg&name=xenvg"),
        ["GET /2/nodes/{name:ganetiName}/tags"] = Fixed("/2/nodes/node1/tags"),
        ["PUT /2/nodes/{name:ganetiName}/tags"] = Fixed("/2/nodes/node1/tags?tag=m&dry-run=1"),
        ["DELETE /2/nodes/{name:ganetiName}/tags"] = Fixed("/2/nodes/node1/tags?tag=m&dry-run=1"),
        ["GET /2/groups"] = Fixed("/2/groups"),
        ["GET /2/groups/{groupName:ganetiName}"] = Fixed("/2/groups/default"),
        ["POST /2/groups"] = Fixed("/2/groups?dry-run=1", """{"name": "matrix"}"""),
        ["DELETE /2/groups/{groupName:ganetiName}"] = Fixed("/2/groups/group2?dry-run=1"),
        ["PUT /2/groups/{groupName:ganetiName}/rename"] = Fixed("/2/groups/group2/rename?dry-run=1", """{"new_name": "matrix"}"""),
        ["PUT /2/groups/{groupName:ganetiName}/modify"] = Fixed("/2/groups/group2/modify", """{"alloc_policy": "preferred", "dry_run": true}"""),
        ["PUT /2/groups/{groupName:ganetiName}/assign-nodes"] = Fixed("/2/groups/group2/assign-nodes?dry-run=1", """{"nodes": ["node4"]}"""),
        ["GET /2/groups/{name:ganetiName}/tags"] = Fixed("/2/groups/default/tags"),
        ["PUT /2/groups/{name:ganetiName}/tags"] = Fixed("/2/groups/default/tags?tag=m&dry-run=1"),
        ["DELETE /2/groups/{name:ganetiName}/tags"] = Fixed("/2/groups/default/tags?tag=m&dry-run=1"),
        ["GET /2/networks"] = Fixed("/2/networks"),
        ["POST /2/networks"] = Fixed("/2/networks?dry-run=1", """{"name": "matrix", "network": "192.0.2.0/28"}"""),
        ["GET /2/networks/{networkName:ganetiName}"] = Fixed("/2/networks/net1"),
        ["DELETE /2/networks/{networkName:ganetiName}"] = Fixed("/2/networks/net1?dry-run=1"),
        ["PUT /2/networks/{networkName:ganetiName}/connect"] = Fixed("/2/networks/net1/connect?dry-run=1", """{"group_name": "group2", "network_mode": "bridged", "network_link": "br0"}"""),
        ["PUT /2/networks/{networkName:ganetiName}/disconnect"] = Fixed("/2/networks/net1/disconnect?dry-run=1", """{"group_name": "default"}"""),
        ["PUT /2/networks/{networkName:ganetiName}/modify"] = Fixed("/2/networks/net1/modify", """{"mac_prefix": "aa:00:01", "dry_run": true}"""),
        ["PUT /2/networks/{networkName:ganetiName}/rename"] = Fixed("/2/networks/net1/rename?dry-run=1", """{"new_name": "matrix"}"""),
        ["GET /2/networks/{name:ganetiName}/tags"] = Fixed("/2/networks/net1/tags"),
        ["PUT /2/networks/{name:ganetiName}/tags"] = Fixed("/2/networks/net1/tags?tag=m&dry-run=1"),
        ["DELETE /2/networks/{name:ganetiName}/tags"] = Fixed("/2/networks/net1/tags?tag=m&dry-run=1"),
        ["GET /2/jobs"] = Fixed("/2/jobs"),
        ["GET /2/jobs/{jobId:jobId}"] = Fixed("/2/jobs/1"),
        ["DELETE /2/jobs/{jobId:jobId}"] = Fixed("/2/jobs/1"),
        ["GET /2/jobs/{jobId:jobId}/wait"] = Fixed("/2/jobs/1/wait", """{"fields": ["status"]}"""),
        ["GET /2/filters"] = Fixed("/2/filters"),
        ["POST /2/filters"] = Fixed("/2/filters", """{"priority": 1}"""),
        ["GET /2/filters/{filterUuid:ganetiName}"] = NewFilter((uuid, _) => ($"/2/filters/{uuid}", null)),
        ["PUT /2/filters/{filterUuid:ganetiName}"] = NewFilter((uuid, _) => ($"/2/filters/{uuid}", """{"priority": 2}""")),
        ["DELETE /2/filters/{filterUuid:ganetiName}"] = NewFilter((uuid, _) => ($"/2/filters/{uuid}", null)),
        ["GET /2/query/{resource:ganetiName}"] = Fixed("/2/query/instance?fields=name"),
        ["PUT /2/query/{resource:ganetiName}"] = Fixed("/2/query/node", """{"fields": ["name"]}"""),
        ["GET /2/query/{resource:ganetiName}/fields"] = Fixed("/2/query/group/fields"),
    };

    private static readonly (string Name, string? Credentials)[] Callers =
        [("anonymous", null), ("no options", RapiTestClient.Plain), ("read", RapiTestClient.Reader), ("write", RapiTestClient.Admin), ("wrong password", WrongPassword)];

    [Fact]
    public async Task EveryRoute_WithoutRequireAuthentication() => await RunMatrix(requireAuthentication: false);

    [Fact]
    public async Task EveryRoute_WithRequireAuthentication() => await RunMatrix(requireAuthentication: true);

    [Fact]
    public void EveryRoute_HasASample_AndEverySampleARoute()
    {
        using var factory = new GanetiApiFactory();
        var routes = Routes(factory).Select(r => r.Key).ToList();

        routes.Should().BeEquivalentTo(Samples.Keys);
    }

    /// <summary>The status Ganeti gives: authentication is needed when required or when the route needs an option; sent credentials are always checked.</summary>
    private static HttpStatusCode Expected(RapiAccess access, string caller, bool requireAuthentication)
    {
        if (caller == "wrong password")
        {
            return HttpStatusCode.Unauthorized;
        }

        if (caller == "anonymous")
        {
            return requireAuthentication || access != RapiAccess.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.OK;
        }

        return access switch
        {
            RapiAccess.Anonymous => HttpStatusCode.OK,
            RapiAccess.Write => caller == "write" ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            _ => caller is "write" or "read" ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
        };
    }

    private static async Task RunMatrix(bool requireAuthentication)
    {
        using var factory = new GanetiApiFactory { RequireAuthentication = requireAuthentication };
        var admin = RapiTestClient.For(factory, RapiTestClient.Admin);
        await admin.WaitForJobAsync((await admin.OkAsync(HttpMethod.Put, "/2/tags?tag=first-job"))!.GetValue<long>());
        var cells = 0;
        var failures = new List<string>();
        foreach (var (key, access) in Routes(factory))
        {
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            foreach (var (caller, credentials) in Callers)
            {
                var (uri, body) = await Samples[key](admin);
                var answer = await RapiTestClient.For(factory, credentials).SendAsync(new HttpMethod(method), uri, body);
                var expected = Expected(access, caller, requireAuthentication);
                cells++;
                if (answer.Status != expected)
                {
                    failures.Add($"{key} as {caller}: {(int)answer.Status} {answer.Text.Trim()}, expected {(int)expected}");
                }
            }
        }

        failures.Should().BeEmpty();
        cells.Should().Be(Samples.Count * Callers.Length);
    }

    private static IEnumerable<KeyValuePair<string, RapiAccess>> Routes(GanetiApiFactory factory)
    {
        _ = factory.CreateClient();
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Operation: e.Metadata.GetMetadata<RapiOperation>()))
            .Where(e => e.Operation is not null)
            .Select(e => KeyValuePair.Create($"{e.Operation!.Method} {e.Endpoint.RoutePattern.RawText}", e.Operation.Access));
    }

    private static Func<RapiTestClient, Task<(string, string?)>> Fixed(string uri, string? body = null) =>
        _ => Task.FromResult((uri, body));

    private static Func<RapiTestClient, Task<(string, string?)>> NewFilter(Func<string, RapiTestClient, (string, string?)> request) =>
        async admin =>
        {
            var uuid = (await admin.OkAsync(HttpMethod.Post, "/2/filters", """{"priority": 3}"""))!.GetValue<string>();
            return request(uuid, admin);
        };
}
