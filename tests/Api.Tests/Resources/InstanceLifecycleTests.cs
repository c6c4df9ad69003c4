using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Creating (one and several at once), renaming and removing instances on the simulator, with Ganeti's refusals.</summary>
public sealed class InstanceLifecycleTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private static string Create(string name, string extra = "", string template = "diskless", string disks = "[]") =>
        $$"""{"__version__": 1, "name": "{{name}}", "os": "noop", "mode": "create", "disk_template": "{{template}}", "disks": {{disks}}, "nics": [{}]{{extra}}}""";

    private async Task<long> NodeValue(string node, string field) => (await Admin.OkAsync(HttpMethod.Get, $"/2/nodes/{node}"))![field]!.GetValue<long>();

    private static void ShouldFail(JsonObject job, string errorClass, string message, string? code)
    {
        job["status"]!.GetValue<string>().Should().Be("error", job.ToJsonString());
        var error = job["opresult"]![0]!;
        error[0]!.GetValue<string>().Should().Be(errorClass);
        error[1]![0]!.GetValue<string>().Should().Be(message);
        if (code is null)
        {
            error[1]!.AsArray().Should().HaveCount(1);
        }
        else
        {
            error[1]![1]!.GetValue<string>().Should().Be(code);
        }
    }

    [Fact]
    public async Task CreateRenameRemove_InstanceComesAndGoes()
    {
        var created = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create("life1.example.com", """, "pnode": "node3.example.com", "start": false, "no_install": true"""));
        created["status"]!.GetValue<string>().Should().Be("success", created.ToJsonString());
        created["opresult"]!.ToJsonString().Should().Be("""[["node3.example.com"]]""");
        created["summary"]![0]!.GetValue<string>().Should().Be("INSTANCE_CREATE(life1.example.com)");
        var read = (await Admin.OkAsync(HttpMethod.Get, "/2/instances/life1.example.com"))!;
        read["pnode"]!.GetValue<string>().Should().Be("node3.example.com");
        read["admin_state"]!.GetValue<string>().Should().Be("down");
        read["os"]!.GetValue<string>().Should().Be("noop");
        read["nic.macs"]![0]!.GetValue<string>().Should().StartWith("aa:00:00:");

        var renamed = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/life1.example.com/rename", """{"new_name": "life2.example.com"}""");
        renamed["opresult"]![0]!.GetValue<string>().Should().Be("life2.example.com");
        renamed["summary"]![0]!.GetValue<string>().Should().Be("INSTANCE_RENAME");
        (await Admin.GetAsync("/2/instances/life1.example.com")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Admin.OkAsync(HttpMethod.Get, "/2/instances/life2.example.com"))!["pnode"]!.GetValue<string>().Should().Be("node3.example.com");

        var removed = await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/life2.example.com");
        removed["status"]!.GetValue<string>().Should().Be("success");
        removed["opresult"]!.ToJsonString().Should().Be("[null]");
        removed["ops"]![0]!["ignore_failures"]!.GetValue<bool>().Should().BeFalse();
        (await Admin.GetAsync("/2/instances/life2.example.com")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateDrbd_TakesDiskOnBothNodes_AndRemoveGivesItBack()
    {
        var (freeOn2, freeOn3) = (await NodeValue("node2.example.com", "dfree"), await NodeValue("node3.example.com", "dfree"));

        var created = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create(
            "mirror1.example.com", """, "pnode": "node2.example.com", "snode": "node3.example.com", "start": false""", "drbd", """[{"size": 2048}, {"size": "1G"}]"""));
        created["opresult"]!.ToJsonString().Should().Be("""[["node2.example.com","node3.example.com"]]""", created.ToJsonString());
        created["oplog"]![0]!.AsArray().Select(l => l![3]!.GetValue<string>()).Should().StartWith(["* disk 0, size 2.0G", "* disk 1, size 1.0G", "* creating instance disks..."]);
        var read = (await Admin.OkAsync(HttpMethod.Get, "/2/instances/mirror1.example.com"))!;
        read["snodes"]!.ToJsonString().Should().Be("""["node3.example.com"]""");
        read["disk.sizes"]!.ToJsonString().Should().Be("[2048,1024]");
        (await NodeValue("node2.example.com", "dfree")).Should().Be(freeOn2 - (2048 + 128) - (1024 + 128));
        (await NodeValue("node3.example.com", "dfree")).Should().Be(freeOn3 - (2048 + 128) - (1024 + 128));

        (await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/mirror1.example.com"))["status"]!.GetValue<string>().Should().Be("success");
        (await NodeValue("node2.example.com", "dfree")).Should().Be(freeOn2);
        (await NodeValue("node3.example.com", "dfree")).Should().Be(freeOn3);
    }

    [Fact]
    public async Task CreateStarted_TakesMemory_RemoveGivesItBack_AndRenameIsRefusedWhileUp()
    {
        var free = await NodeValue("node3.example.com", "mfree");

        var created = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create(
            "mem1.example.com", """, "pnode": "node3.example.com", "beparams": {"maxmem": 2048, "minmem": 1024}""", "file", """[{"size": 1024}]"""));
        created["status"]!.GetValue<string>().Should().Be("success", created.ToJsonString());
        (await NodeValue("node3.example.com", "mfree")).Should().Be(free - 2048);
        var read = (await Admin.OkAsync(HttpMethod.Get, "/2/instances/mem1.example.com"))!;
        read["admin_state"]!.GetValue<string>().Should().Be("up");
        read["oper_state"]!.GetValue<bool>().Should().BeTrue();

        ShouldFail(
            await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/mem1.example.com/rename", """{"new_name": "mem2.example.com"}"""),
            "OpPrereqError", "Instance 'mem1.example.com' is marked to be up, cannot rename", "wrong_state");

        (await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/mem1.example.com", """{"shutdown_timeout": 5}"""))["ops"]![0]!["shutdown_timeout"]!.GetValue<int>().Should().Be(5);
        (await NodeValue("node3.example.com", "mfree")).Should().Be(free);
    }

    [Fact]
    public async Task Create_WithTheDefaultAllocator_PicksTheNodeWithMostFreeMemory()
    {
        var created = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create("alloc1.example.com", """, "start": false"""));

        created["opresult"]!.ToJsonString().Should().Be("""[["node3.example.com"]]""", created.ToJsonString());
        created["ops"]![0]!["pnode"]!.GetValue<string>().Should().Be("node3.example.com");
        (await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/alloc1.example.com"))["status"]!.GetValue<string>().Should().Be("success");
    }

    [Fact]
    public async Task Create_DryRun_ChecksAndAnswersTheNodeUuids()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances?dry-run=1", Create("dry1.example.com", """, "pnode": "node1.example.com" """));

        job["status"]!.GetValue<string>().Should().Be("success");
        var uuid = (await Admin.OkAsync(HttpMethod.Get, "/2/nodes/node1.example.com"))!["uuid"]!.GetValue<string>();
        job["opresult"]!.ToJsonString().Should().Be($"""[["{uuid}"]]""");
        (await Admin.GetAsync("/2/instances/dry1.example.com")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string, string?> Refusals => new()
    {
        { Create("web1.example.com", """, "pnode": "node1.example.com" """), "OpPrereqError", "Instance 'web1.example.com' is already in the cluster", "already_exists" },
        { """{"__version__": 1, "name": "x1.example.com", "os": "nosuchos", "mode": "create", "disk_template": "diskless", "disks": [], "nics": [{}], "pnode": "node1.example.com"}""",
            "OpExecError", "OS Parameters validation failed on node node1.example.com: Directory for OS nosuchos not found in search path", null },
        { Create("x2.example.com", """, "pnode": "node1.example.com" """, "sharedfile", """[{"size": 1024}]"""),
            "OpPrereqError", "Disk template 'sharedfile' is not enabled in cluster. Enabled disk templates are: drbd,plain,file,diskless", null },
        { Create("x3.example.com", """, "pnode": "node1.example.com" """, "drbd", """[{"size": 1024}]"""), "OpPrereqError", "The networked disk templates need a mirror node", "wrong_input" },
        { Create("x4.example.com", """, "pnode": "node1.example.com", "snode": "node1.example.com" """, "drbd", """[{"size": 1024}]"""),
            "OpPrereqError", "The secondary node cannot be the primary node", "wrong_input" },
        { Create("x5.example.com", """, "pnode": "node1.example.com", "iallocator": "hail" """), "OpPrereqError", "Do not specify both, iallocator and node", "wrong_input" },
        { Create("x6.example.com", """, "pnode": "node1.example.com", "beparams": {"maxmem": 64, "minmem": 64}""", "file", """[{"size": 512}]"""),
            "OpPrereqError", "Instance allocation to group {group} (default) violates policy: memory-size value 64 is not in range [128, 32768], disk-size/0 value 512 is not in range [1024, 1048576]", "wrong_input" },
        { Create("x7.example.com", """, "pnode": "node1.example.com", "beparams": {"vcpus": 9}, "start": false""", "file", """[{"size": 1024}, {"size": 1024}]"""),
            "OpPrereqError", "Instance allocation to group {group} (default) violates policy: cpu-count value 9 is not in range [1, 8]", "wrong_input" },
        { Create("x8.example.com", """, "pnode": "node1.example.com", "beparams": {"maxmem": 30000, "minmem": 128}"""),
            "OpPrereqError", "Not enough memory on node node1.example.com for creating instance x8.example.com: needed 30000 MiB, available 26624 MiB", "insufficient_resources" },
        { Create("x9.example.com", """, "pnode": "node3.example.com", "ignore_ipolicy": true""", "plain", """[{"size": 2000000}]"""),
            "OpPrereqError", "Not enough disk space on target node node3.example.com vg xenvg: required 2000000 MiB, available 1048576 MiB", "insufficient_resources" },
        { Create("x10.example.com", """, "pnode": "node1.example.com", "ip_check": true"""), "OpPrereqError", "Cannot do IP address check without a name check", "wrong_input" },
        { Create("x11.example.com", """, "pnode": "nosuch.example.com" """), "OpPrereqError", "Node 'nosuch.example.com' not known", "unknown_entity" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Create_Refusals_LikeGaneti(string body, string errorClass, string message, string? code)
    {
        var group = (await Admin.OkAsync(HttpMethod.Get, "/2/groups/default"))!["uuid"]!.GetValue<string>();
        var before = (await Admin.OkAsync(HttpMethod.Get, "/2/instances"))!.AsArray().Count;

        ShouldFail(await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", body), errorClass, message.Replace("{group}", group, StringComparison.Ordinal), code);
        (await Admin.OkAsync(HttpMethod.Get, "/2/instances"))!.AsArray().Count.Should().Be(before);
    }

    [Theory]
    [InlineData("""{"name": "v0.example.com"}""", "Instance creation request version 0 is no longer supported")]
    [InlineData("""{"__version__": 2, "name": "v2.example.com"}""", "Unsupported request data version 2")]
    [InlineData("""[1]""", "Body contents: Type is 'list', but 'dict' is expected")]
    [InlineData("""{"__version__": 1, "name": "v.example.com", "mode": "create", "disks": [], "nics": [], "disk_template": "bogus"}""",
        "Invalid body parameters: (\"Parameter 'OP_INSTANCE_CREATE.disk_template' fails validation\", 'wrong_input')")]
    [InlineData("""{"__version__": 1, "name": "v.example.com", "mode": "create", "disks": [{"size": "big"}], "nics": []}""",
        "Invalid body parameters: (\"Parameter 'OP_INSTANCE_CREATE.disks' fails validation\", 'wrong_input')")]
    public async Task Create_BadBody_Is400(string body, string message)
    {
        var answer = await Admin.PostAsync("/2/instances", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.Text);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Rename_Refusals()
    {
        ShouldFail(
            await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/batch1.example.com/rename", """{"new_name": "web1.example.com"}"""),
            "OpPrereqError", "Instance 'web1.example.com' is already in the cluster", "already_exists");
        ShouldFail(
            await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/nosuch.example.com/rename", """{"new_name": "other.example.com"}"""),
            "OpPrereqError", "Instance 'nosuch.example.com' not known", "unknown_entity");
        ShouldFail(
            await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/batch1.example.com/rename", """{"new_name": "other.example.com", "ip_check": true}"""),
            "OpPrereqError", "IP address check requires a name check", "wrong_input");
        (await Admin.PutAsync("/2/instances/batch1.example.com/rename", "{}")).Message
            .Should().Be("Invalid body parameters: (\"Parameter 'OP_INSTANCE_RENAME.new_name' fails validation\", 'wrong_input')");
    }

    [Fact]
    public async Task Remove_UnknownInstance_AndStaticIgnoreFailures()
    {
        ShouldFail(await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/nosuch.example.com"), "OpPrereqError", "Instance 'nosuch.example.com' not known", "unknown_entity");
        (await Admin.DeleteAsync("/2/instances/web1.example.com", """{"ignore_failures": true}""")).Message
            .Should().Be("Can't overwrite static parameters {'ignore_failures'}");
    }

    [Fact]
    public async Task MultiAlloc_WithTheAllocator_SubmitsOneJobPerInstance()
    {
        const string Entry = """{"name": "{0}", "os": "noop", "mode": "create", "disk_template": "diskless", "disks": [], "nics": [{}], "start": false}""";
        var body = $$"""{"instances": [{{Entry.Replace("{0}", "multi1.example.com", StringComparison.Ordinal)}}, {{Entry.Replace("{0}", "multi2.example.com", StringComparison.Ordinal)}}]}""";

        var dry = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances-multi-alloc?dry-run=1", body);
        dry["opresult"]![0]!.ToJsonString().Should().Be("""{"allocatable":["multi1.example.com","multi2.example.com"],"failed":[],"jobs":[]}""");

        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances-multi-alloc", body);
        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        job["summary"]![0]!.GetValue<string>().Should().Be("INSTANCE_MULTI_ALLOC");
        var result = job["opresult"]![0]!;
        result["allocatable"]!.AsArray().Should().HaveCount(2);
        var jobs = result["jobs"]!.AsArray();
        jobs.Should().HaveCount(2);
        foreach (var spawned in jobs)
        {
            spawned![0]!.GetValue<bool>().Should().BeTrue();
            (await Admin.WaitForJobAsync(spawned[1]!.GetValue<long>()))["status"]!.GetValue<string>().Should().Be("success");
        }

        foreach (var name in new[] { "multi1.example.com", "multi2.example.com" })
        {
            (await Admin.OkAsync(HttpMethod.Get, $"/2/instances/{name}"))!["pnode"]!.GetValue<string>().Should().EndWith(".example.com");
            (await Admin.RunJobAsync(HttpMethod.Delete, $"/2/instances/{name}"))["status"]!.GetValue<string>().Should().Be("success");
        }
    }

    [Fact]
    public async Task MultiAlloc_Refusals()
    {
        (await Admin.PostAsync("/2/instances-multi-alloc", """{"iallocator": "hail"}""")).Message.Should().Be("Request is missing required 'instances' field in body");
        (await Admin.PostAsync("/2/instances-multi-alloc", """{"instances": [{"name": "m.example.com", "mode": "create", "disks": [], "nics": [], "disk_template": "bogus"}]}""")).Message
            .Should().Be("Invalid body parameters: (\"Parameter 'OP_INSTANCE_CREATE.disk_template' fails validation\", 'wrong_input')");

        var mixed = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances-multi-alloc", """
            {"instances": [
              {"name": "mx1.example.com", "os": "noop", "mode": "create", "disk_template": "diskless", "disks": [], "nics": [], "pnode": "node1.example.com"},
              {"name": "mx2.example.com", "os": "noop", "mode": "create", "disk_template": "diskless", "disks": [], "nics": []}]}
            """);
        ShouldFail(mixed, "OpPrereqError", "There are instance objects providing pnode/snode while others do not", "wrong_input");

        var duplicate = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances-multi-alloc", """
            {"instances": [
              {"name": "md.example.com", "os": "noop", "mode": "create", "disk_template": "diskless", "disks": [], "nics": []},
              {"name": "md.example.com", "os": "noop", "mode": "create", "disk_template": "diskless", "disks": [], "nics": []}]}
            """);
        ShouldFail(duplicate, "OpPrereqError", "There are duplicate instance names: md.example.com", "wrong_input");
    }
}
