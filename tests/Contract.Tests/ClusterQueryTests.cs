using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Errors;

namespace Ganeti.Contract.Tests;

/// <summary>Cluster-wide reads: QueryClusterInfo, QueryConfigValues, QueryTags, QueryExports.</summary>
[Collection(RealGanetiCollection.Name)]
public sealed class ClusterQueryTests(RealGanetiFixture real)
{
    // Every key luxid 3.0 puts in QueryClusterInfo's answer (rapi-spec §6.4).
    private static readonly string[] ClusterInfoKeys =
    [
        "software_version", "protocol_version", "config_version", "os_api_version", "export_version",
        "vcs_version", "architecture", "name", "master", "default_hypervisor", "enabled_hypervisors",
        "hvparams", "os_hvp", "beparams", "osparams", "ipolicy", "nicparams", "ndparams", "diskparams",
        "candidate_pool_size", "max_running_jobs", "max_tracked_jobs", "mac_prefix", "master_netdev",
        "master_netmask", "use_external_mip_script", "volume_group_name", "drbd_usermode_helper",
        "file_storage_dir", "shared_file_storage_dir", "gluster_storage_dir", "maintain_node_health",
        "ctime", "mtime", "uuid", "tags", "uid_pool", "default_iallocator", "default_iallocator_params",
        "reserved_lvs", "primary_ip_version", "prealloc_wipe_disks", "hidden_os", "blacklisted_os",
        "enabled_disk_templates", "install_image", "instance_communication_network", "zeroing_image",
        "compression_tools", "enabled_user_shutdown", "enabled_data_collectors", "data_collector_interval",
        "modify_ssh_setup", "ssh_key_type", "ssh_key_bits",
    ];

    [Fact]
    public async Task QueryClusterInfo_ThroughQueriesPort_DescribesTheRealCluster()
    {
        var info = await real.Queries.QueryClusterInfoAsync(CancellationToken.None);

        info.Select(p => p.Key).Should().BeEquivalentTo(ClusterInfoKeys);
        info["name"]!.GetValue<string>().Should().Be(RealGanetiFixture.Cluster);
        info["master"]!.GetValue<string>().Should().Be(RealGanetiFixture.Master);
        info["software_version"]!.GetValue<string>().Should().StartWith("3.0.");
        info["protocol_version"]!.GetValue<long>().Should().Be(3000000);
        info["architecture"]!.AsArray()[0]!.GetValue<string>().Should().Be("64bits");
        info["default_hypervisor"]!.GetValue<string>().Should().Be("fake");
        info["enabled_hypervisors"]!.AsArray().Select(h => h!.GetValue<string>()).Should().Equal("fake");
        info["enabled_disk_templates"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("diskless", "file");
        info["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain(["env:test", "role:contract"]);
        info["ctime"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        Guid.TryParse(info["uuid"]!.GetValue<string>(), out _).Should().BeTrue();
        var ipolicy = info["ipolicy"]!.AsObject();
        ipolicy["std"]!["memory-size"]!.GetValue<int>().Should().BeGreaterThan(0);
        ipolicy["minmax"]!.AsArray().Should().ContainSingle();
        // luxid writes whole-number floats as JSON integers: the ratios arrive as 4 and 32.
        ipolicy["vcpu-ratio"]!.GetValue<double>().Should().Be(4.0);
    }

    [Fact]
    public async Task QueryClusterInfo_RawCall_SameAnswerAsQueriesPort()
    {
        var raw = (await real.CallAsync("QueryClusterInfo"))!.AsObject();
        var viaPort = await real.Queries.QueryClusterInfoAsync(CancellationToken.None);

        raw["uuid"]!.GetValue<string>().Should().Be(viaPort["uuid"]!.GetValue<string>());
        raw.Count.Should().Be(viaPort.Count);
    }

    [Fact]
    public async Task QueryConfigValues_KnownAndUnknownNames_ValuesInRequestOrder()
    {
        var values = (await real.CallAsync("QueryConfigValues", new JsonArray("master_node", "cluster_name", "drain_flag", "watcher_pause", "no_such_value")))!.AsArray();

        values.Should().HaveCount(5);
        values[0]!.GetValue<string>().Should().Be(RealGanetiFixture.Master);
        values[1]!.GetValue<string>().Should().Be(RealGanetiFixture.Cluster);
        values[2]!.GetValue<bool>().Should().BeFalse("the queue is not drained outside the drain test");
        // up.sh pauses the watcher (an epoch time); a cluster found unpaused answers null.
        (values[3] is null || values[3]!.GetValueKind() == JsonValueKind.Number).Should().BeTrue($"watcher_pause was {values[3]?.ToJsonString()}");
        values[4].Should().BeNull("luxid answers null for names it does not know");
    }

    [Fact]
    public async Task QueryTags_ClusterNodeInstance_ListTheirTags()
    {
        var cluster = await Tags("cluster", "");
        var node = await Tags("node", RealGanetiFixture.Master);
        var instance = await Tags("instance", "inst1.ganeti.test");
        var untagged = await Tags("instance", "inst2.ganeti.test");

        cluster.Should().Contain(["env:test", "role:contract"]).And.BeInAscendingOrder(StringComparer.Ordinal);
        node.Should().Contain("rack:r1");
        instance.Should().Contain("app:web");
        untagged.Should().BeEmpty();
    }

    [Fact]
    public async Task QueryTags_UnknownInstance_IsOpPrereqNoEntity()
    {
        var act = () => real.CallAsync("QueryTags", "instance", "nosuch.ganeti.test");

        var error = (await act.Should().ThrowAsync<OpPrereqException>()).Which;
        error.Code.Should().Be(ErrorCode.NoEntity);
        error.Message.Should().Be("Instance name nosuch.ganeti.test not found");
    }

    [Fact]
    public async Task QueryExports_NoExportsMade_NoRows()
    {
        // The node has its export directory (up.sh makes it) and nothing in it; without the
        // directory luxid answers a row [node, null] for the node's failed listing.
        var all = await real.CallAsync("QueryExports", new JsonArray(), false);
        var named = await real.CallAsync("QueryExports", new JsonArray(RealGanetiFixture.Master), false);

        all!.ToJsonString().Should().Be("[]");
        named!.ToJsonString().Should().Be("[]");
    }

    private async Task<List<string>> Tags(string kind, string name) =>
        [.. (await real.CallAsync("QueryTags", kind, name))!.AsArray().Select(t => t!.GetValue<string>())];
}
