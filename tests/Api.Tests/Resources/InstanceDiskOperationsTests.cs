using System.Net;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Activating, deactivating, growing, recreating and replacing an instance's disks.</summary>
public sealed class InstanceDiskOperationsTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private RapiTestClient Anonymous => RapiTestClient.For(factory);

    [Fact]
    public async Task ActivateThenDeactivate_FollowsTheDisksActiveFlag()
    {
        (await DisksActive("batch1")).Should().BeFalse();

        var activated = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/batch1/activate-disks?ignore_size=1", """{"ignored": true}""");

        activated["status"]!.GetValue<string>().Should().Be("success", activated.ToJsonString());
        activated["ops"]![0]!["ignore_size"]!.GetValue<bool>().Should().BeTrue();
        activated["opresult"]![0]!.AsArray().Should().BeEmpty();
        (await DisksActive("batch1")).Should().BeTrue();

        var deactivated = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/batch1/deactivate-disks");

        deactivated["status"]!.GetValue<string>().Should().Be("success", deactivated.ToJsonString());
        (await DisksActive("batch1")).Should().BeFalse();
    }

    [Fact]
    public async Task Activate_AnswersNodeNameAndDevicePerDisk()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/db1/activate-disks");

        job["opresult"]![0]!.ToJsonString().Should().Be("""[["node1.example.com","disk/0","/dev/drbd0"],["node1.example.com","disk/1","/dev/drbd1"]]""");
    }

    [Fact]
    public async Task Deactivate_OfARunningInstance_NeedsForce()
    {
        var refused = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web1/deactivate-disks");
        Error(refused).Should().Be("Instance 'web1.example.com' is marked to be up, cannot shutdown disks");
        (await DisksActive("web1")).Should().BeTrue();

        var forced = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web1/deactivate-disks?force=1");

        forced["status"]!.GetValue<string>().Should().Be("success", forced.ToJsonString());
        forced["ops"]![0]!["force"]!.GetValue<bool>().Should().BeTrue();
        (await DisksActive("web1")).Should().BeFalse();
        (await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web1/activate-disks"))["status"]!.GetValue<string>().Should().Be("success");
    }

    [Fact]
    public async Task Grow_ByAnAmountAndToAnAbsoluteSize_UsesTheNodesFreeSpace()
    {
        var freeBefore = await Free("node4");

        var grown = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/cache1/disk/0/grow", """{"amount": 1024, "wait_for_sync": false}""");

        grown["status"]!.GetValue<string>().Should().Be("success", grown.ToJsonString());
        grown["ops"]![0]!["disk"]!.GetValue<int>().Should().Be(0);
        Sizes(await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/cache1")).Should().Equal(3072);
        (await Free("node4")).Should().Be(freeBefore - 1024);

        var absolute = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/cache1/disk/0/grow", """{"amount": 4096, "absolute": true}""");
        absolute["status"]!.GetValue<string>().Should().Be("success", absolute.ToJsonString());
        Sizes(await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/cache1")).Should().Equal(4096);

        var smaller = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/cache1/disk/0/grow", """{"amount": 1024, "absolute": true}""");
        Error(smaller).Should().Be("Requested size (1.0G) is smaller than current disk size (4.0G)");

        var tooMuch = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/cache1/disk/0/grow", """{"amount": 1073741824}""");
        Error(tooMuch).Should().Be($"Not enough disk space on target node node4.example.com vg xenvg: required 1073741824 MiB, available {freeBefore - 2048} MiB");
        Sizes(await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/cache1")).Should().Equal(4096);
    }

    [Theory]
    [InlineData("/2/instances/cache1/disk/3/grow", "Invalid disk index: 3 (instace has disks 0 to 0")]
    [InlineData("/2/instances/batch1/disk/0/grow", "Invalid disk index: 0 (instace has disks 0 to -1")]
    public async Task Grow_OfAMissingDisk_FailsTheJob(string uri, string message)
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, uri, """{"amount": 128}""");

        Error(job).Should().Be(message);
    }

    [Theory]
    [InlineData("/2/instances/cache1/disk/16/grow", """{"amount": 1}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_GROW_DISK.disk' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/cache1/disk/0/grow", """{"wait_for_sync": true}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_GROW_DISK.amount' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/cache1/disk/0/grow", """{"amount": -1}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_GROW_DISK.amount' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/cache1/disk/0/grow", """{"amount": 1, "disk": 1}""", "Can't overwrite static parameters {'disk'}")]
    [InlineData("/2/instances/cache1/recreate-disks", """{"disks": [0, [1, {}]]}""", "Invalid body parameters: object of type 'int' has no len()")]
    [InlineData("/2/instances/cache1/recreate-disks", """{"disks": ["a"]}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_RECREATE_DISKS.disks' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/cache1/replace-disks", """{"dry_run": true}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REPLACE_DISKS.mode' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/cache1/replace-disks?mode=replace_auto&disks=0,x", null, "Invalid disk index passed: invalid literal for int() with base 10: 'x'")]
    [InlineData("/2/instances/cache1/replace-disks", """{"mode": "replace_auto", "disks": "1,,2"}""", "Invalid disk index passed: invalid literal for int() with base 10: ''")]
    [InlineData("/2/instances/cache1/replace-disks", """{"mode": "replace_auto", "disks": 3}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REPLACE_DISKS.disks' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/cache1/replace-disks", """{"mode": "replace_auto", "disks": [0, "a"]}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REPLACE_DISKS.disks' fails validation\", 'wrong_input')")]
    public async Task BadRequest_Is400(string uri, string? body, string message)
    {
        var answer = await Admin.PostAsync(uri, body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Recreate_WithNewSizesAndOnAnotherNode_WhileTheInstanceIsDown()
    {
        var running = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/files1/recreate-disks", "{}");
        Error(running).Should().Be("Instance 'files1.example.com' is marked to be up, cannot recreate disks");
        (await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/files1/shutdown"))["status"]!.GetValue<string>().Should().Be("success");

        var resized = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/files1/recreate-disks", """{"disks": [[0, {"size": "8G"}]]}""");
        resized["status"]!.GetValue<string>().Should().Be("success", resized.ToJsonString());
        Sizes(await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/files1")).Should().Equal(8192);

        var moved = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/files1/recreate-disks", """{"nodes": ["node3"]}""");
        moved["status"]!.GetValue<string>().Should().Be("success", moved.ToJsonString());
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/files1"))!["pnode"]!.GetValue<string>().Should().Be("node3.example.com");

        (await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/files1/startup"))["status"]!.GetValue<string>().Should().Be("success");
    }

    [Theory]
    [InlineData("/2/instances/batch1/recreate-disks", """{}""", "Instance 'batch1.example.com' has no disks")]
    [InlineData("/2/instances/web2/recreate-disks", """{"disks": [[0, {}], [0, {"size": 1}]]}""", "Some disks have been specified more than once: 0")]
    [InlineData("/2/instances/web2/recreate-disks", """{"nodes": ["node1"], "iallocator": "hail"}""", "Do not specify both, iallocator and node")]
    [InlineData("/2/instances/web2/recreate-disks", """{"nodes": ["node1"]}""", "Instance web2.example.com currently has 2 nodes, but 1 replacement nodes were specified")]
    [InlineData("/2/instances/web2/recreate-disks", """{"disks": [[0, {"vg": "other"}]]}""", "Parameters for disk 0 try to change unmodifyable parameter(s): vg")]
    [InlineData("/2/instances/cache1/replace-disks", """{"mode": "replace_auto"}""", "The instance has a strange layout, expected one secondary but found 0")]
    public async Task Refusals_FailTheJob(string uri, string body, string message)
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, uri, body);

        job["status"]!.GetValue<string>().Should().Be("error", job.ToJsonString());
        Error(job).Should().Be(message);
    }

    [Fact]
    public async Task ReplaceDisks_LegacyQueryForm_ChangesTheSecondary()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/web2/replace-disks?mode=replace_new_secondary&remote_node=node3&early_release=1");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        job["ops"]![0]!["mode"]!.GetValue<string>().Should().Be("replace_new_secondary");
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/web2"))!["snodes"]![0]!.GetValue<string>().Should().Be("node3.example.com");
    }

    [Fact]
    public async Task ReplaceDisks_BodyForm_TakesDiskIndicesAsAString()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances/db1/replace-disks?mode=ignored", """{"mode": "replace_on_secondary", "disks": "0, 1", "dry_run": true}""");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        job["ops"]![0]!["mode"]!.GetValue<string>().Should().Be("replace_on_secondary");
        job["ops"]![0]!["disks"]!.ToJsonString().Should().Be("[0,1]");
    }

    private async Task<bool> DisksActive(string instance)
    {
        var rows = await Admin.OkAsync(HttpMethod.Get, "/2/query/instance?fields=name,disks_active");
        var row = rows!["data"]!.AsArray().Single(r => r![0]![1]!.GetValue<string>() == $"{instance}.example.com");
        return row![1]![1]!.GetValue<bool>();
    }

    private async Task<long> Free(string node) => (await Anonymous.OkAsync(HttpMethod.Get, $"/2/nodes/{node}"))!["dfree"]!.GetValue<long>();

    private static IEnumerable<long> Sizes(JsonNode? instance) => instance!["disk.sizes"]!.AsArray().Select(s => s!.GetValue<long>());

    private static string Error(JsonObject job) => job["opresult"]![0]![1]![0]!.GetValue<string>();
}
