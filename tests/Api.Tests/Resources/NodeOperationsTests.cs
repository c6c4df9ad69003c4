using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Node migration, power cycling, and changing and repairing a node's storage.</summary>
public sealed class NodeOperationsTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Error(JsonObject job) => job["opresult"]![0]![1]![0]!.GetValue<string>();

    [Fact]
    public async Task Migrate_SubmitsAMigrationPerPrimaryInstance_WhichMovesThem()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node1/migrate", """{"mode": "live"}""");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        job["summary"]![0]!.GetValue<string>().Should().Be("NODE_MIGRATE(node1.example.com)");
        var jobs = job["opresult"]![0]!["jobs"]!.AsArray();
        jobs.Should().HaveCount(2, "node1 is the primary of db1 and web1");
        var migrated = new List<string>();
        foreach (var entry in jobs)
        {
            entry![0]!.GetValue<bool>().Should().BeTrue();
            var child = await Admin.WaitForJobAsync(entry[1]!.GetValue<long>());
            child["status"]!.GetValue<string>().Should().Be("success", child.ToJsonString());
            child["ops"]![0]!["OP_ID"]!.GetValue<string>().Should().Be("OP_INSTANCE_MIGRATE");
            child["ops"]![0]!["mode"]!.GetValue<string>().Should().Be("live");
            migrated.Add(child["ops"]![0]!["instance_name"]!.GetValue<string>());
        }

        migrated.Should().BeEquivalentTo("db1.example.com", "web1.example.com");
        foreach (var instance in migrated)
        {
            (await Admin.OkAsync(HttpMethod.Get, $"/2/instances/{instance}"))!["pnode"]!.GetValue<string>().Should().Be("node2.example.com");
        }

        (await Admin.OkAsync(HttpMethod.Get, "/2/nodes/node1"))!["pinst_cnt"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Migrate_LegacyQueryForm_ReplacesTheBody()
    {
        var live = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node3/migrate?live=0", """{"mode": "live", "iallocator": "hail"}""");
        var mode = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node3/migrate?mode=live", "{}");

        live["ops"]![0]!["mode"]!.GetValue<string>().Should().Be("non-live");
        live["ops"]![0]!.AsObject().ContainsKey("iallocator").Should().BeFalse("the query form ignores the body");
        mode["ops"]![0]!["mode"]!.GetValue<string>().Should().Be("live");
        live["opresult"]![0]!["jobs"]!.AsArray().Should().BeEmpty("node3 is nobody's primary");
    }

    [Fact]
    public async Task Migrate_AnyQueryString_IgnoresTheBody_ButKeepsDryRun()
    {
        var reason = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node3/migrate?reason=maintenance", """{"mode": "live"}""");
        var dry = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node1/migrate?dry-run=1&mode=live", "{}");

        reason["ops"]![0]!.AsObject().ContainsKey("mode").Should().BeFalse("Ganeti takes the legacy form whenever there is a query string");
        reason["ops"]![0]!["reason"]![0]![1]!.GetValue<string>().Should().Be("maintenance");
        dry["ops"]![0]!["dry_run"]!.GetValue<bool>().Should().BeTrue();
        dry["opresult"]![0].Should().BeNull("a dry run submits no migrations");
    }

    [Theory]
    [InlineData("?mode=live&live=1", "", "Only one of 'live' and 'mode' should be passed")]
    [InlineData("?live=yes", "", "Invalid value for the 'live' parameter")]
    [InlineData("", """{"mode": "fast"}""", "Invalid body parameters: (\"Parameter 'OP_NODE_MIGRATE.mode' fails validation\", 'wrong_input')")]
    [InlineData("?mode=fast", "", "Invalid body parameters: (\"Parameter 'OP_NODE_MIGRATE.mode' fails validation\", 'wrong_input')")]
    public async Task Migrate_BadRequest_Is400(string query, string body, string message)
    {
        var answer = await Admin.PostAsync("/2/nodes/node3/migrate" + query, body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Migrate_UnknownNode_JobFails()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/nosuch/migrate", "{}");

        job["status"]!.GetValue<string>().Should().Be("error");
        Error(job).Should().Be("Node 'nosuch' not known");
    }

    [Fact]
    public async Task Powercycle_TheMasterNeedsForce()
    {
        var refused = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node1/powercycle", "{}");
        var forced = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node1/powercycle?force=1", "{}");
        var other = await Admin.RunJobAsync(HttpMethod.Post, "/2/nodes/node3/powercycle", "{}");

        refused["status"]!.GetValue<string>().Should().Be("error");
        refused["opresult"]![0]!.ToJsonString(Plain).Should().Be("""["OpPrereqError",["The node is the master and the force parameter was not set","wrong_input"]]""");
        forced["ops"]![0]!["force"]!.GetValue<bool>().Should().BeTrue();
        forced["opresult"]![0]!.GetValue<string>().Should().Be("Reboot scheduled in 5 seconds");
        other["opresult"]![0]!.GetValue<string>().Should().Be("Reboot scheduled in 5 seconds");
        other["summary"]![0]!.GetValue<string>().Should().Be("NODE_POWERCYCLE(node3.example.com)");
    }

    [Fact]
    public async Task Powercycle_ForceInTheBody_IsAStatic()
    {
        var answer = await Admin.PostAsync("/2/nodes/node1/powercycle", """{"force": true}""");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().StartWith("Can't overwrite static parameters");
    }

    [Fact]
    public async Task StorageModify_PhysicalVolumeAllocatable_ShowsInTheStorageList()
    {
        const string List = "/2/nodes/node3/storage?storage_type=lvm-pv&output_fields=name,allocatable";
        (await Admin.RunJobAsync(HttpMethod.Get, List))["opresult"]![0]!.ToJsonString(Plain).Should().Be("""[["/dev/sdb",true]]""");

        var off = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node3/storage/modify?storage_type=lvm-pv&name=/dev/sdb&allocatable=0");
        off["status"]!.GetValue<string>().Should().Be("success", off.ToJsonString());
        off["ops"]![0]!["changes"]!.ToJsonString().Should().Be("""{"allocatable":false}""");
        (await Admin.RunJobAsync(HttpMethod.Get, List))["opresult"]![0]!.ToJsonString(Plain).Should().Be("""[["/dev/sdb",false]]""");

        var on = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node3/storage/modify?storage_type=lvm-pv&name=/dev/sdb&allocatable=1");
        on["status"]!.GetValue<string>().Should().Be("success");
        (await Admin.RunJobAsync(HttpMethod.Get, List))["opresult"]![0]!.ToJsonString(Plain).Should().Be("""[["/dev/sdb",true]]""");
    }

    [Theory]
    [InlineData("storage_type=lvm-vg&name=xenvg&allocatable=0", "Storage units of type 'lvm-vg' can not be modified")]
    [InlineData("storage_type=file&name=/srv/ganeti/file-storage", "Storage units of type 'file' can not be modified")]
    [InlineData("storage_type=sharedfile&name=x", "Storage units of type 'sharedfile' can not be modified")]
    public async Task StorageModify_UnmodifiableType_JobFails(string query, string message)
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node3/storage/modify?" + query);

        job["opresult"]![0]!.ToJsonString(Plain).Should().Be($"""["OpPrereqError",["{message}","wrong_input"]]""");
    }

    [Fact]
    public async Task StorageModify_UnknownVolume_FailsOnTheNode()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node3/storage/modify?storage_type=lvm-pv&name=/dev/sdz&allocatable=0");

        job["opresult"]![0]![0]!.GetValue<string>().Should().Be("OpExecError");
        Error(job).Should().StartWith("Failed to modify storage unit '/dev/sdz' on node3.example.com: Error while executing backend function: Failed to modify physical volume");
    }

    [Theory]
    [InlineData("/storage/modify?storage_type=lvm-pv", "Missing the required 'name' parameter")]
    [InlineData("/storage/repair?storage_type=lvm-vg", "Missing the required 'name' parameter")]
    [InlineData("/storage/modify?name=x", "Invalid body parameters: (\"Parameter 'OP_NODE_MODIFY_STORAGE.storage_type' fails validation\", 'wrong_input')")]
    [InlineData("/storage/modify?name=x&storage_type=nosuch", "Invalid body parameters: (\"Parameter 'OP_NODE_MODIFY_STORAGE.storage_type' fails validation\", 'wrong_input')")]
    [InlineData("/storage/modify?name=x&storage_type=lvm-pv&allocatable=yes", "Invalid value for the 'allocatable' parameter")]
    [InlineData("/storage/repair?name=x&storage_type=nosuch", "Invalid body parameters: (\"Parameter 'OP_REPAIR_NODE_STORAGE.storage_type' fails validation\", 'wrong_input')")]
    public async Task Storage_BadQuery_Is400(string path, string message)
    {
        var answer = await Admin.PutAsync("/2/nodes/node3" + path);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task StorageRepair_VolumeGroup_OthersRefused()
    {
        var repaired = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node2/storage/repair?storage_type=lvm-vg&name=xenvg");
        var missing = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node2/storage/repair?storage_type=lvm-vg&name=othervg");
        var pv = await Admin.RunJobAsync(HttpMethod.Put, "/2/nodes/node2/storage/repair?storage_type=lvm-pv&name=/dev/sdb");

        repaired["status"]!.GetValue<string>().Should().Be("success", repaired.ToJsonString());
        repaired["summary"]![0]!.GetValue<string>().Should().Be("REPAIR_NODE_STORAGE(node2.example.com)");
        repaired["ops"]![0]!["ignore_consistency"]!.GetValue<bool>().Should().BeFalse();
        repaired["oplog"]![0]!.AsArray().Select(l => l![3]!.GetValue<string>()).Should().Contain("Repairing storage unit 'xenvg' on node2.example.com ...");
        missing["opresult"]![0]![0]!.GetValue<string>().Should().Be("OpExecError");
        Error(missing).Should().StartWith("Failed to repair storage unit 'othervg' on node2.example.com: Error while executing backend function: Volume group 'othervg' still not consistent");
        pv["opresult"]![0]!.ToJsonString(Plain).Should().Be("""["OpPrereqError",["Storage units of type 'lvm-pv' can not be repaired","wrong_input"]]""");
    }
}
