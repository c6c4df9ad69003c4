using System.Text.Json.Nodes;
using Ganeti.Simulator.Store;

namespace Ganeti.Simulator.Tests;

/// <summary>OP_CLUSTER_SET_PARAMS on the demo cluster, checked like Ganeti's LUClusterSetParams.</summary>
public sealed class ClusterSetParamsTests : IAsyncLifetime
{
    private SimulatorFixture _sim = null!;

    public Task InitializeAsync()
    {
        _sim = new SimulatorFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private Task<JobOutcome> Modify(string json) => _sim.RunAsync(SimulatorJobs.Op("OP_CLUSTER_SET_PARAMS", json));

    [Fact]
    public async Task Changes_ShowInClusterInfo_AndSurviveARestart()
    {
        var before = await _sim.ClusterInfoAsync();
        var serial = _sim.ClusterSerial();

        var job = await Modify("""
            {"candidate_pool_size": 7, "max_running_jobs": 30, "max_tracked_jobs": 40, "maintain_node_health": true,
             "prealloc_wipe_disks": true, "use_external_mip_script": true, "enabled_user_shutdown": true, "modify_etc_hosts": false,
             "default_iallocator": "hail", "default_iallocator_params": {"verbose": "1"}, "reserved_lvs": ["xenvg/keep"],
             "mac_prefix": "AA:0B:cc", "master_netmask": 16, "master_netdev": "eth1", "file_storage_dir": "/srv/files",
             "install_image": "/srv/images/install.img", "zeroing_image": "http://images.example.com/zero.img",
             "compression_tools": ["gzip", "lzop"], "enabled_data_collectors": {"drbd": false}, "data_collector_interval": {"lv": 10000000},
             "beparams": {"vcpus": "2", "memory": "512"}, "nicparams": {"link": "br1"}, "ndparams": {"ssh_port": "2222"},
             "hvparams": {"fake": {"migration_mode": "non-live"}}, "diskparams": {"plain": {"stripes": 2}}, "ipolicy": {"vcpu-ratio": 8},
             "uid_pool": [[2000, 2999], [1000, 1999]], "hidden_os": [["add", "debootstrap"]], "blacklisted_os": [["add", "noop"]],
             "osparams": {"debootstrap+minimal": {}}, "os_hvp": {"noop": {"fake": {"migration_mode": "live"}}}}
            """);

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        job.Result.Should().BeNull();
        job.Log.Should().Equal(
            " - INFO: Promoted nodes to master candidate role: node4.example.com",
            "Shutting down master ip on the current netdev (gnt0)",
            "Changing master_netdev from gnt0 to eth1",
            "Changing master IP netmask to 16",
            "Starting the master ip on the new master netdev (eth1)");
        job.Op["mac_prefix"]!.GetValue<string>().Should().Be("aa:0b:cc", "Ganeti normalizes the prefix in the opcode");
        job.Op["beparams"]!.ToJsonString().Should().Be("""{"vcpus":2,"maxmem":512,"minmem":512}""", "memory is upgraded and the values get their types");

        async Task Check()
        {
            var info = await _sim.ClusterInfoAsync();
            info["candidate_pool_size"]!.GetValue<int>().Should().Be(7);
            info["max_running_jobs"]!.GetValue<int>().Should().Be(30);
            info["max_tracked_jobs"]!.GetValue<int>().Should().Be(40);
            info["maintain_node_health"]!.GetValue<bool>().Should().BeTrue();
            info["prealloc_wipe_disks"]!.GetValue<bool>().Should().BeTrue();
            info["use_external_mip_script"]!.GetValue<bool>().Should().BeTrue();
            info["enabled_user_shutdown"]!.GetValue<bool>().Should().BeTrue();
            info["default_iallocator"]!.GetValue<string>().Should().Be("hail");
            info["default_iallocator_params"]!.ToJsonString().Should().Be("""{"verbose":"1"}""");
            info["reserved_lvs"]!.ToJsonString().Should().Be("""["xenvg/keep"]""");
            info["mac_prefix"]!.GetValue<string>().Should().Be("aa:0b:cc");
            info["master_netmask"]!.GetValue<int>().Should().Be(16);
            info["master_netdev"]!.GetValue<string>().Should().Be("eth1");
            info["file_storage_dir"]!.GetValue<string>().Should().Be("/srv/files");
            info["install_image"]!.GetValue<string>().Should().Be("/srv/images/install.img");
            info["zeroing_image"]!.GetValue<string>().Should().Be("http://images.example.com/zero.img");
            info["compression_tools"]!.ToJsonString().Should().Be("""["gzip","lzop"]""");
            info["enabled_data_collectors"]!["drbd"]!.GetValue<bool>().Should().BeFalse();
            info["enabled_data_collectors"]!["lv"]!.GetValue<bool>().Should().BeTrue();
            info["data_collector_interval"]!["lv"]!.GetValue<long>().Should().Be(10000000);
            info["beparams"]!["default"]!.ToJsonString().Should().Be("""{"minmem":512,"maxmem":512,"vcpus":2,"auto_balance":true,"always_failover":false,"spindle_use":1}""");
            info["nicparams"]!["default"]!.ToJsonString().Should().Be("""{"mode":"bridged","link":"br1","vlan":""}""");
            info["ndparams"]!["ssh_port"]!.GetValue<int>().Should().Be(2222);
            info["ndparams"]!["spindle_count"]!.GetValue<int>().Should().Be(1, "the other node parameters stay");
            info["hvparams"]!["fake"]!["migration_mode"]!.GetValue<string>().Should().Be("non-live");
            info["hvparams"]!["kvm"]!["kvm_path"]!.GetValue<string>().Should().Be("/usr/bin/kvm");
            info["diskparams"]!["plain"]!["stripes"]!.GetValue<int>().Should().Be(2);
            info["diskparams"]!["drbd"]!["resync-rate"]!.GetValue<int>().Should().Be(61440);
            info["ipolicy"]!["vcpu-ratio"]!.GetValue<double>().Should().Be(8);
            info["ipolicy"]!["spindle-ratio"]!.GetValue<double>().Should().Be(32);
            info["uid_pool"]!.ToJsonString().Should().Be("[[2000,2999],[1000,1999]]", "a whole new pool is kept as given");
            info["hidden_os"]!.ToJsonString().Should().Be("""["debootstrap"]""");
            info["blacklisted_os"]!.ToJsonString().Should().Be("""["noop"]""");
            info["osparams"]!.ToJsonString().Should().Be("{}", "an OS left without parameters is dropped");
            info["os_hvp"]!.ToJsonString().Should().Be("""{"noop":{"fake":{"migration_mode":"live"}}}""");
            info["mtime"]!.GetValue<double>().Should().BeGreaterThan(before["mtime"]!.GetValue<double>());
        }

        await Check();
        using (var store = new SimStore(_sim.Options.DatabasePath))
        {
            store.LoadState()!.Cluster.Parameters["modify_etc_hosts"]!.GetValue<bool>().Should().BeFalse("luxid does not report it, the config keeps it");
        }

        _sim.ClusterSerial().Should().Be(serial + 4, "Ganeti's Exec saves the cluster three times, and once more for the promotion");
        await _sim.RestartAsync();
        await Check();
    }

    [Fact]
    public async Task DryRun_ChecksButChangesNothing()
    {
        var before = await _sim.ClusterInfoAsync();
        var serial = _sim.ClusterSerial();

        var job = await Modify("""{"candidate_pool_size": 3, "beparams": {"vcpus": 4}, "dry_run": true}""");
        var refused = await Modify("""{"mac_prefix": "nope", "dry_run": true}""");

        job.Status.Should().Be("success");
        job.Log.Should().Equal(" - INFO: dry-run mode requested, not actually executing the operation");
        refused.Error.Should().Be("""["OpPrereqError",["Invalid MAC address prefix 'nope'","wrong_input"]]""");
        (await _sim.ClusterInfoAsync()).ToJsonString().Should().Be(before.ToJsonString());
        _sim.ClusterSerial().Should().Be(serial);
    }

    [Theory]
    [InlineData("""{"beparams": {"nosuch": 1}}""", """["TypeEnforcementError",["Unknown parameter 'nosuch'"]]""")]
    [InlineData("""{"beparams": {"maxmem": "x"}}""", """["TypeEnforcementError",["'maxmem' (value x) is not a valid size. error: Invalid format"]]""")]
    [InlineData("""{"beparams": {"maxmem": "2Q"}}""", """["TypeEnforcementError",["'maxmem' (value 2Q) is not a valid size. error: Unknown unit: Q"]]""")]
    [InlineData("""{"beparams": {"auto_balance": "maybe"}}""", """["TypeEnforcementError",["'auto_balance' (value maybe) is not a valid boolean"]]""")]
    [InlineData("""{"ndparams": {"spindle_count": "x"}}""", """["TypeEnforcementError",["'spindle_count' (value x) is not a valid integer"]]""")]
    [InlineData("""{"ndparams": {"cpu_speed": [1]}}""", """["TypeEnforcementError",["'cpu_speed' (value [1]) is not a valid float"]]""")]
    [InlineData("""{"nicparams": {"link": 5}}""", """["TypeEnforcementError",["'link' (value 5) is not a valid string"]]""")]
    [InlineData("""{"nicparams": {"mode": "weird"}}""", """["ConfigurationError",["Invalid NIC mode 'weird'"]]""")]
    [InlineData("""{"nicparams": {"link": false}}""", """["ConfigurationError",["Missing bridged NIC link"]]""")]
    [InlineData("""{"mac_prefix": "zz:00:00"}""", """["OpPrereqError",["Invalid MAC address prefix 'zz:00:00'","wrong_input"]]""")]
    [InlineData("""{"mac_prefix": "aa:0:0:1"}""", """["OpPrereqError",["Invalid MAC address prefix 'aa:0:0:1'","wrong_input"]]""")]
    [InlineData("""{"master_netmask": 33}""", """["OpPrereqError",["CIDR netmask (33) not valid","wrong_input"]]""")]
    [InlineData("""{"master_netmask": 0}""", """["OpPrereqError",["CIDR netmask (0) not valid","wrong_input"]]""")]
    [InlineData("""{"default_iallocator": "nosuch"}""", """["OpPrereqError",["Invalid default iallocator script 'nosuch' specified","wrong_input"]]""")]
    [InlineData("""{"uid_pool": [[5, 2]]}""", """["OpPrereqError",["Lower user-id range boundary value (5) is larger than higher boundary value (2)","wrong_input"]]""")]
    [InlineData("""{"add_uids": [[-1, 2]]}""", """["OpPrereqError",["Lower user-id range boundary value (-1) is smaller than UIDPOOL_UID_MIN (0).","wrong_input"]]""")]
    [InlineData("""{"remove_uids": [[1, 4294967296]]}""", """["OpPrereqError",["Higher user-id boundary value (4294967296) is larger than UIDPOOL_UID_MAX (4294967295).","wrong_input"]]""")]
    [InlineData("""{"hvparams": {"fake": {"nosuch": 1}}}""", """["TypeEnforcementError",["Unknown parameter 'nosuch'"]]""")]
    [InlineData("""{"hvparams": {"fake": {"acpi": true}}}""", """["HypervisorError",["Parameter 'acpi' is not supported"]]""")]
    [InlineData("""{"hvparams": {"fake": {"migration_mode": "bogus"}}}""", """["HypervisorError",["Parameter 'migration_mode' fails syntax check: invalid migration mode (current value: 'bogus')"]]""")]
    [InlineData("""{"hvparams": {"nosuchhv": {"acpi": false}}}""", """["HypervisorError",["Unknown hypervisor type 'nosuchhv'"]]""")]
    [InlineData("""{"os_hvp": {"noop": {"fake": {"acpi": true}}}}""", """["HypervisorError",["Parameter 'acpi' is not supported"]]""")]
    [InlineData("""{"diskparams": {"drbd": {"nosuch": 1}}}""", """["TypeEnforcementError",["Unknown parameter 'nosuch'"]]""")]
    [InlineData("""{"diskparams": {"plain": {"metavg": "x"}}}""", """["OpPrereqError",["While verify diskparams options: ('Provided option keys not supported: plain/metavg', 'wrong_input')","wrong_input"]]""")]
    [InlineData("""{"diskparams": {"rbd": {"access": "sideways"}}}""", """["OpPrereqError",["While verify diskparams options: Invalid value of 'rbd:access': 'sideways' (expected one of kernelspace, userspace)","wrong_input"]]""")]
    [InlineData("""{"ipolicy": {"nosuch": 1}}""", """["OpPrereqError",["Invalid key in new ipolicy: nosuch","wrong_input"]]""")]
    [InlineData("""{"ipolicy": {"vcpu-ratio": "x"}}""", """["OpPrereqError",["Invalid value for attribute 'vcpu-ratio': 'x', error: could not convert string to float: 'x'","wrong_input"]]""")]
    [InlineData("""{"ipolicy": {"disk-templates": []}}""", """["OpPrereqError",["Can't unset ipolicy attribute 'disk-templates' on the cluster'","wrong_input"]]""")]
    [InlineData("""{"ipolicy": {"disk-templates": ["rbd"]}}""", """["OpPrereqError",["The following disk templates are allowed by the ipolicy, but not enabled on the cluster: rbd","wrong_input"]]""")]
    [InlineData("""{"ipolicy": {"std": {"memory-size": 65536}}}""", """["OpPrereqError",["Invalid instance policy: Invalid std specifications","wrong_input"]]""")]
    [InlineData("""{"ipolicy": {"minmax": [{"min": {"cpu-count": 1}}]}}""", """["OpPrereqError",["Invalid instance policy: Missing instance specification: max","wrong_input"]]""")]
    [InlineData("""{"compression_tools": ["gzip", "bad tool"]}""", """["OpPrereqError",["The tools 'bad tool' contain illegal characters: only alphanumeric values, dashes, and underscores are allowed","wrong_input"]]""")]
    [InlineData("""{"compression_tools": ["lzop"]}""", """["OpPrereqError",["For compatibility reasons, the gzip utility must be present among the compression tools","wrong_input"]]""")]
    [InlineData("""{"compression_tools": ["gzip", "none"]}""", """["OpPrereqError",["none is a reserved value used for no compression, and cannot be used as the name of a tool","wrong_input"]]""")]
    [InlineData("""{"install_image": "relative/path"}""", """["OpPrereqError",["Install image must be an absolute path or a URL"]]""")]
    [InlineData("""{"file_storage_dir": ""}""", """["OpPrereqError",["Unsetting the 'file' storage directory while having 'file' storage enabled is not permitted.","wrong_input"]]""")]
    [InlineData("""{"vg_name": ""}""", """["OpPrereqError",["Cannot unset volume group if lvm-based disk templates are or get enabled.","wrong_input"]]""")]
    [InlineData("""{"drbd_helper": ""}""", """["OpPrereqError",["Cannot disable drbd helper while DRBD is enabled.","wrong_state"]]""")]
    [InlineData("""{"enabled_disk_templates": ["drbd", "plain", "file"]}""", """["OpPrereqError",["Cannot disable disk template 'diskless', because there is at least one instance using it:\n * batch1.example.com","wrong_state"]]""")]
    [InlineData("""{"enabled_disk_templates": ["drbd", "plain", "file", "diskless"], "ipolicy": {"disk-templates": ["plain", "sharedfile"]}}""", """["OpPrereqError",["The following disk templates are allowed by the ipolicy, but not enabled on the cluster: sharedfile","wrong_input"]]""")]
    [InlineData("""{"osparams": {"debootstrap": {"size": "1G"}}}""", """["OpExecError",["OS Parameters validation failed on node node1.example.com: OS name 'debootstrap' must include a variant"]]""")]
    [InlineData("""{"osparams": {"debootstrap+huge": {"size": "1G"}}, "candidate_pool_size": 3}""", """["OpExecError",["OS Parameters validation failed on node node1.example.com: OS 'debootstrap' does not support variant 'huge'"]]""")]
    [InlineData("""{"osparams": {"noop": {"size": "1G"}}}""", """["OpExecError",["OS Parameters validation failed on node node1.example.com: The following parameters are not supported by the OS noop: size"]]""")]
    [InlineData("""{"candidate_pool_size": 0}""", """["OpPrereqError",["Parameter 'OP_CLUSTER_SET_PARAMS.candidate_pool_size' fails validation","wrong_input"]]""")]
    [InlineData("""{"enabled_hypervisors": ["fake", "nosuch"]}""", """["OpPrereqError",["Parameter 'OP_CLUSTER_SET_PARAMS.enabled_hypervisors' fails validation","wrong_input"]]""")]
    public async Task Refusals_BeforeAnyChange_LikeGaneti(string args, string error)
    {
        var before = await _sim.ClusterInfoAsync();
        var serial = _sim.ClusterSerial();

        var job = await Modify(args);

        job.Status.Should().Be("error");
        job.Error.Should().Be(error);
        (await _sim.ClusterInfoAsync()).ToJsonString().Should().Be(before.ToJsonString());
        _sim.ClusterSerial().Should().Be(serial);
    }

    [Fact]
    public async Task DisablingATemplateInUse_ListsItsDisks()
    {
        var job = await Modify("""{"enabled_disk_templates": ["plain", "file", "diskless"]}""");

        job.Status.Should().Be("error");
        job.Result![1]![1]!.GetValue<string>().Should().Be("wrong_state");
        var lines = job.Result[1]![0]!.GetValue<string>().Split('\n');
        lines[0].Should().Be("Cannot disable disk template 'drbd', because there is at least one disk using it:");
        lines.Skip(1).Should().HaveCount(4, "web1, web2 and the two disks of db1")
            .And.AllSatisfy(l => l.Should().MatchRegex(@"^ \* <DRBD8\(hosts=[-0-9a-f]{36}/\d+-[-0-9a-f]{36}/\d+, port=\d+, backend=<LogicalVolume\(/dev/xenvg/[-0-9a-f]{36}\.disk\d_data, not visible, size=\d+m\)>, metadev=<LogicalVolume\(/dev/xenvg/[-0-9a-f]{36}\.disk\d_meta, not visible, size=128m\)>, visible as /dev/disk/\d, size=\d+m\)> \(on (web1|web2|db1)\.example\.com\)$"));
        lines.Count(l => l.EndsWith("(on db1.example.com)", StringComparison.Ordinal)).Should().Be(2);
    }

    [Fact]
    public async Task FailureLateInExec_KeepsWhatTheFirstSavesMade()
    {
        var serial = _sim.ClusterSerial();

        var job = await Modify("""{"file_storage_dir": "/srv/other", "candidate_pool_size": 3, "zeroing_image": "relative"}""");
        var collector = await Modify("""{"max_tracked_jobs": 99, "enabled_data_collectors": {"nosuch": true}}""");
        var uids = await Modify("""{"remove_uids": [[5, 6]]}""");
        var modification = await Modify("""{"hidden_os": [["add", "noop"], ["attach", "debootstrap"]]}""");

        job.Error.Should().Be("""["OpPrereqError",["Zeroing image must be an absolute path or a URL"]]""");
        collector.Error.Should().Be("""["OpExecError",["'nosuch'"]]""", "Python's KeyError");
        uids.Error.Should().Be("""["OpPrereqError",["User-id range to be removed is not found in the current user-id pool: [5, 6]","wrong_input"]]""");
        modification.Error.Should().Be("""["ProgrammerError",["Invalid modification 'attach'"]]""");
        var info = await _sim.ClusterInfoAsync();
        info["file_storage_dir"]!.GetValue<string>().Should().Be("/srv/other", "the second cfg.Update saved it");
        info["candidate_pool_size"]!.GetValue<int>().Should().Be(10);
        info["max_tracked_jobs"]!.GetValue<int>().Should().Be(25);
        info["hidden_os"]!.AsArray().Should().BeEmpty();
        _sim.ClusterSerial().Should().Be(serial + 8, "each failed run saved the cluster twice");
    }

    [Fact]
    public async Task Feedback_ForValuesAlreadySet_AndWarnings()
    {
        var job = await Modify("""
            {"vg_name": "xenvg", "drbd_helper": "/bin/true", "file_storage_dir": "/srv/ganeti/file-storage",
             "shared_file_storage_dir": "/srv/shared", "diskparams": {"drbd": {"resync-rate": 1024}},
             "hidden_os": [["add", "noop"], ["add", "noop"], ["remove", "lenny"]], "blacklisted_os": [["remove", "x"]],
             "instance_communication_network": "net1"}
            """);

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        job.Log.Should().Equal(
            " - WARNING: Specified a sharedfile storage directory, although sharedfile storage is not enabled.",
            " - WARNING: Changing DRBD parameters only affects devices created in the future, not existing ones",
            " - WARNING: You need to shutdown and start (not reboot!) existing instances to adopt the changes",
            " - WARNING: Alternatively you can swap the secondary node by running `gnt-instance replace-disks --new-secondary $instance`",
            " - WARNING: Supplied instance communication network 'net1' has an IPv4 gateway '198.51.100.1', this might pose a security risk (default is 'None').",
            " - WARNING: Supplied instance communication network 'net1' has a non-standard IPv4 network address '198.51.100.0/24', this might pose a security risk (default is '169.254.0.0/16').",
            " - WARNING: Supplied instance communication network 'net1' has a non-standard IPv6 network address 'None', this might pose a security risk (default is 'fe80::/10').",
            " - WARNING: Supplied instance communication network 'net1' has a non-standard MAC prefix 'None', this might pose a security risk (default is '52:54:00').",
            "Cluster LVM configuration already in desired state, not changing",
            "Global file storage dir already set to value '/srv/ganeti/file-storage'",
            "Cluster DRBD helper already in desired state, not changing",
            "OS noop already in hidden OS list, ignoring",
            "OS lenny not found in hidden OS list, ignoring",
            "OS x not found in blacklisted OS list, ignoring",
            "Changing instance communication network to 'net1', only new instances will be affected.");
        var info = await _sim.ClusterInfoAsync();
        info["shared_file_storage_dir"]!.GetValue<string>().Should().Be("/srv/shared");
        info["instance_communication_network"]!.GetValue<string>().Should().Be("net1");
        info["diskparams"]!["drbd"]!["resync-rate"]!.GetValue<int>().Should().Be(1024);

        var again = await Modify("""{"instance_communication_network": "net1", "hidden_os": [["remove", "noop"]]}""");
        var off = await Modify("""{"instance_communication_network": ""}""");
        again.Log.Should().Equal(
            " - WARNING: Supplied instance communication network 'net1' has an IPv4 gateway '198.51.100.1', this might pose a security risk (default is 'None').",
            " - WARNING: Supplied instance communication network 'net1' has a non-standard IPv4 network address '198.51.100.0/24', this might pose a security risk (default is '169.254.0.0/16').",
            " - WARNING: Supplied instance communication network 'net1' has a non-standard IPv6 network address 'None', this might pose a security risk (default is 'fe80::/10').",
            " - WARNING: Supplied instance communication network 'net1' has a non-standard MAC prefix 'None', this might pose a security risk (default is '52:54:00').",
            "Instance communication network already is 'net1', nothing to do.");
        off.Log.Should().Equal(
            "Previous instance communication network 'net1' should be removed manually.",
            "Disabling instance communication network, only new instances will be affected.");
        (await _sim.ClusterInfoAsync())["hidden_os"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task DrbdHelper_MustMatchWhatTheNodesHave()
    {
        var other = await Modify("""{"drbd_helper": "/usr/local/sbin/drbd-helper"}""");

        other.Status.Should().Be("error");
        other.Result![1]![0]!.GetValue<string>().Should().MatchRegex(@"^Error on node 'node[1-4]\.example\.com': drbd helper is /bin/true$");
        other.Result[1]![1]!.GetValue<string>().Should().Be("environment_error");
    }

    [Fact]
    public async Task UidPool_AddRemoveAndReplace()
    {
        (await Modify("""{"add_uids": [[3000, 3999], [1000, 1999], [1000, 1999]]}""")).Status.Should().Be("success");
        (await _sim.ClusterInfoAsync())["uid_pool"]!.ToJsonString().Should().Be("[[1000,1999],[3000,3999]]", "added ranges are kept sorted, once");

        (await Modify("""{"add_uids": [[2000, 2999]], "remove_uids": [[1000, 1999]]}""")).Status.Should().Be("success");
        (await _sim.ClusterInfoAsync())["uid_pool"]!.ToJsonString().Should().Be("[[2000,2999],[3000,3999]]");

        (await Modify("""{"uid_pool": []}""")).Status.Should().Be("success");
        (await _sim.ClusterInfoAsync())["uid_pool"]!.ToJsonString().Should().Be("[]");
    }

    [Fact]
    public async Task EnablingTemplatesAndHypervisors_ChecksAndFillsDefaults()
    {
        var serial = _sim.ClusterSerial();

        var job = await Modify("""
            {"enabled_disk_templates": ["plain", "drbd", "file", "diskless", "sharedfile"], "vg_name": "othervg",
             "enabled_hypervisors": ["kvm", "fake"], "hvparams": {"kvm": {"kernel_args": "ro quiet"}}, "drbd_helper": "/bin/true"}
            """);

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        var info = await _sim.ClusterInfoAsync();
        info["enabled_disk_templates"]!.ToJsonString().Should().Be("""["plain","drbd","file","diskless","sharedfile"]""");
        info["volume_group_name"]!.GetValue<string>().Should().Be("othervg");
        info["enabled_hypervisors"]!.ToJsonString().Should().Be("""["kvm","fake"]""");
        info["default_hypervisor"]!.GetValue<string>().Should().Be("kvm");
        info["hvparams"]!["kvm"]!["kernel_args"]!.GetValue<string>().Should().Be("ro quiet");
        info["hvparams"]!["kvm"]!["kvm_path"]!.GetValue<string>().Should().Be("/usr/bin/kvm");
        _sim.ClusterSerial().Should().Be(serial + 4, "three saves, and the volume group is set on its own");
    }

    [Fact]
    public async Task OsHvp_NullRemovesAHypervisor_AndAnEmptyOsGoes()
    {
        (await Modify("""{"os_hvp": {"noop": {"fake": {"migration_mode": "non-live"}}}}""")).Status.Should().Be("success");
        (await Modify("""{"os_hvp": {"noop": {"fake": null}}}""")).Status.Should().Be("success");

        (await _sim.ClusterInfoAsync())["os_hvp"]!.ToJsonString().Should().Be("{}");
    }
}

/// <summary>Raising and lowering the candidate pool size, as Ganeti's AdjustCandidatePool reacts to it.</summary>
public sealed class ClusterCandidatePoolTests
{
    [Fact]
    public async Task RaisingThePool_PromotesNodes_LoweringIt_Notes()
    {
        // The demo cluster has three candidates of four nodes; with a pool of three that is enough.
        await using var sim = new SimulatorFixture(prepare: state => state.Cluster.Parameters["candidate_pool_size"] = 3);

        var raised = await sim.RunAsync(SimulatorJobs.Op("OP_CLUSTER_SET_PARAMS", """{"candidate_pool_size": 10}"""));
        raised.Log.Should().Equal(" - INFO: Promoted nodes to master candidate role: node4.example.com");
        await sim.RestartAsync();
        var roles = (await sim.Call("QueryNodes", new JsonArray(), new JsonArray("name", "master_candidate"), false))!.ToJsonString();
        roles.Should().Be("""[["node1.example.com",true],["node2.example.com",true],["node3.example.com",true],["node4.example.com",true]]""");

        var lowered = await sim.RunAsync(SimulatorJobs.Op("OP_CLUSTER_SET_PARAMS", """{"candidate_pool_size": 2}"""));
        lowered.Status.Should().Be("success");
        lowered.Log.Should().Equal(" - INFO: Note: more nodes are candidates (4) than desired (2)");
        (await sim.ClusterInfoAsync())["candidate_pool_size"]!.GetValue<int>().Should().Be(2);
    }
}
