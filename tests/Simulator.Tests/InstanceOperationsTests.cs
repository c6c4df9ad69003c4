using System.Text.Json.Nodes;
using Ganeti.Simulator.Execution;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// OP_INSTANCE_SET_PARAMS' modification lists and rules, and the disk and export opcodes, on
/// the demo cluster, checked like Ganeti's logical units.
/// </summary>
public sealed class InstanceOperationsTests : IAsyncLifetime
{
    private SimulatorFixture _sim = null!;

    public Task InitializeAsync()
    {
        _sim = new SimulatorFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private Task<JobOutcome> Modify(string instance, string json)
    {
        var op = SimulatorJobs.Op("OP_INSTANCE_SET_PARAMS", json);
        op["instance_name"] = instance;
        return _sim.RunAsync(op);
    }

    private async Task<JsonArray> Instance(string name, params string[] fields) =>
        (await _sim.Call("QueryInstances", new JsonArray(name), new JsonArray([.. fields.Select(f => (JsonNode)f)]), false))![0]!.AsArray();

    [Fact]
    public void LegacyModifications_AreUpgraded()
    {
        var mods = DeviceMods.Upgrade("NIC", JsonNode.Parse("""[[0, {"ip": "192.0.2.1"}], ["add", {"link": "br1"}], ["1", {}]]"""));

        mods.Select(m => $"{m.Action} {m.Identifier?.ToJsonString()} {m.Parameters.ToJsonString()}").Should().Equal(
            """modify 0 {"ip":"192.0.2.1"}""",
            """add -1 {"link":"br1"}""",
            """modify "1" {}""");
        var kept = DeviceMods.Upgrade("disk", JsonNode.Parse("""[["remove", "data", {}]]""")).Single();
        (kept.Action, kept.Identifier!.GetValue<string>(), kept.Parameters.Count).Should().Be(("remove", "data", 0));
    }

    [Theory]
    [InlineData("""[["add", {}], ["remove", {}]]""", "Only one disk add/attach/remove/detach operation is supported at a time")]
    [InlineData("""[["detach", {}], [0, {}], ["attach", {}]]""", "Only one disk add/attach/remove/detach operation is supported at a time")]
    public void LegacyModifications_AtMostOneAddOrRemove(string mods, string message)
    {
        var act = () => DeviceMods.Upgrade("disk", JsonNode.Parse(mods));

        act.Should().Throw<SimError>().Which.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("\"x\"", 1, "OpPrereqError", "Only positive integer or -1 is accepted")]
    [InlineData("2", 1, "OpExecError", "Got NIC index 2, but there are only 1")]
    [InlineData("-2", 1, "OpExecError", "Not accepting negative indices other than -1")]
    public void AddIndex_RefusesLikeGaneti(string identifier, int count, string errorClass, string message)
    {
        var act = () => DeviceMods.AddIndex(JsonNode.Parse(identifier), "NIC", count);

        var error = act.Should().Throw<SimError>().Which;
        error.ErrorClass.Should().Be(errorClass);
        error.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("-1", 2, 2)]
    [InlineData("0", 2, 0)]
    [InlineData("2", 2, 2)]
    public void AddIndex_MinusOneAppends(string identifier, int count, int expected) =>
        DeviceMods.AddIndex(JsonNode.Parse(identifier), "NIC", count).Should().Be(expected);

    [Fact]
    public async Task NicAddedAtIndexZero_GoesFirst_AndNamesAndMacsMustBeUnique()
    {
        var mac = (await Instance("web1", "nic.macs"))[0]![0]!.GetValue<string>();

        var added = await Modify("web1", """{"nics": [["add", 0, {"mac": "AA:00:00:12:34:56", "name": "front", "ip": "192.0.2.50"}]]}""");

        added.Status.Should().Be("success", added.Result?.ToJsonString());
        added.Result!.ToJsonString().Should().Be("""[["nic.0","add:mac=aa:00:00:12:34:56,ip=192.0.2.50,mode=bridged,link=gntbr0,network=None"]]""");
        (await Instance("web1", "nic.macs"))[0]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("aa:00:00:12:34:56", mac);

        var sameMac = await Modify("web2", """{"nics": [["add", -1, {"mac": "aa:00:00:12:34:56"}]]}""");
        sameMac.Error.Should().Be("""["OpPrereqError",["MAC address 'aa:00:00:12:34:56' already in use in cluster","resource_not_unique"]]""");

        var sameName = await Modify("web1", """{"nics": [["add", -1, {"name": "front"}]]}""");
        sameName.Error.Should().Be("""["OpPrereqError",["NIC name 'front' already used","resource_not_unique"]]""");

        var byName = await Modify("web1", """{"nics": [["modify", "front", {"ip": "none", "link": "br7"}]]}""");
        byName.Status.Should().Be("success", byName.Result?.ToJsonString());
        byName.Result!.ToJsonString().Should().Be("""[["nic.ip/0",null],["nic.mode/0","bridged"],["nic.link/0","br7"],["nic.vlan/0",""]]""");
        (await Instance("web1", "nic.links"))[0]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("br7", "gntbr0");
    }

    [Fact]
    public async Task Disks_RemovedByName_OnlyWhileTheInstanceIsDown()
    {
        (await Modify("cache1", """{"disks": [["add", -1, {"size": 512, "name": "scratch"}]]}""")).Status.Should().Be("success");

        var running = await Modify("cache1", """{"disks": [["remove", "scratch", {}]]}""");
        running.Error.Should().Be("""["OpPrereqError",["Instance 'cache1.example.com' is marked to be up, can't remove volume from a running instance without using hotplug","wrong_state"]]""");

        (await _sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_SHUTDOWN", """{"instance_name": "cache1"}"""))).Status.Should().Be("success");
        var removed = await Modify("cache1", """{"disks": [["remove", "scratch", {}]]}""");

        removed.Status.Should().Be("success", removed.Result?.ToJsonString());
        removed.Result!.ToJsonString().Should().Be("""[["disk/1","remove"]]""");
        (await Instance("cache1", "disk.sizes"))[0]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task Modify_Hvparams_OsAndRuntimeMemory()
    {
        var job = await Modify("web1", """{"hvparams": {"usb_devices": "x"}, "os_name": "debootstrap+minimal", "osparams": {"mirror": "m"}, "runtime_mem": 768}""");

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        job.Result!.ToJsonString().Should().Be("""[["runtime_memory",768],["hv/usb_devices","x"],["os/mirror","m"]]""");
        var fields = await Instance("web1", "os", "custom_hvparams", "custom_osparams");
        fields[0]!.GetValue<string>().Should().Be("debootstrap+minimal");
        fields[1]!["usb_devices"]!.GetValue<string>().Should().Be("x");
        fields[2]!["mirror"]!.GetValue<string>().Should().Be("m");
    }

    [Fact]
    public async Task Modify_TooManyNics_IsRefused()
    {
        var adds = string.Join(", ", Enumerable.Range(0, 8).Select(_ => """["add", -1, {}]"""));

        var job = await Modify("web2", $$"""{"nics": [{{adds}}]}""");

        job.Error.Should().Be("""["OpPrereqError",["Instance has too many network interfaces (8), cannot add more","wrong_state"]]""");
        (await Instance("web2", "nic.macs"))[0]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task DryRun_ChangesNothing()
    {
        var before = await Instance("db1", "serial_no", "be/vcpus");

        var job = await Modify("db1", """{"beparams": {"vcpus": 8}, "dry_run": true}""");

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        job.Result.Should().BeNull();
        (await Instance("db1", "serial_no", "be/vcpus")).ToJsonString().Should().Be(before.ToJsonString());
    }

    [Fact]
    public async Task GrowDisk_OfAFileDisk_LogsSizesAsGanetiFormatsThem()
    {
        InstanceGrowDiskExecutor.FormatUnit(512).Should().Be("512M");
        InstanceGrowDiskExecutor.FormatUnit(1536).Should().Be("1.5G");
        InstanceGrowDiskExecutor.FormatUnit(3 * 1024 * 1024).Should().Be("3.0T");

        var grown = await _sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_GROW_DISK", """{"instance_name": "files1", "disk": 0, "amount": 100}"""));

        grown.Status.Should().Be("success", grown.Result?.ToJsonString());
        grown.Log.Should().Contain("Growing disk 0 of instance 'files1.example.com' by 100M to 4.1G");
    }

    [Fact]
    public async Task Export_AndItsRemoval_ShowInTheExportQuery()
    {
        var export = await _sim.RunAsync(SimulatorJobs.Op("OP_BACKUP_EXPORT", """{"instance_name": "web1", "target_node": "node3", "shutdown": false}"""));
        export.Status.Should().Be("success", export.Result?.ToJsonString());
        export.Op["target_node"]!.GetValue<string>().Should().Be("node3.example.com");

        var exports = await _sim.Call("QueryExports", new JsonArray(), false);
        exports!.ToJsonString().Should().Be("""[["node3.example.com","web1.example.com"]]""");

        (await _sim.RunAsync(SimulatorJobs.Op("OP_BACKUP_REMOVE", """{"instance_name": "web1"}"""))).Status.Should().Be("success");
        (await _sim.Call("QueryExports", new JsonArray(), false))!.ToJsonString().Should().NotContain("web1");
    }

    [Fact]
    public async Task LiveExport_TransfersSnapshots_AndRemovesOldExportsFromTheOtherNodes()
    {
        var export = await _sim.RunAsync(SimulatorJobs.Op("OP_BACKUP_EXPORT", """{"instance_name": "web1", "target_node": "node3", "shutdown": false}"""));

        export.Status.Should().Be("success", export.Result?.ToJsonString());
        export.Log.Should().Equal(
            "Creating a snapshot of disk/0 on node node1.example.com",
            "Exporting snapshot/0 from node1.example.com to node3.example.com",
            "snapshot/0 is now listening, starting export",
            "snapshot/0 is receiving data on node3.example.com",
            "snapshot/0 is sending data on node1.example.com",
            "snapshot/0 finished receiving data",
            "snapshot/0 finished sending data",
            "Finalizing export on node3.example.com",
            "Removing snapshot of disk/0 on node node1.example.com",
            "Removing old exports for instance web1.example.com");
    }

    [Theory]
    [InlineData("""{"shutdown": false}""", "you requested a live export", "running")]
    [InlineData("""{}""", "you did not allow the instance to remain offline for a longer time through the --long-sleep option", "ERROR_down")]
    public async Task ExportOfARunningFileInstance_WithoutLongSleep_FailsForWantOfSnapshots(string options, string problem, string status)
    {
        var op = SimulatorJobs.Op("OP_BACKUP_EXPORT", options);
        op["instance_name"] = "files1";
        op["target_node"] = "node2";

        var export = await _sim.RunAsync(op);

        export.Error.Should().Be($$"""["OpExecError",["Not all disks could be snapshotted, and {{problem}}; aborting"]]""");
        (await Instance("files1", "status"))[0]!.GetValue<string>().Should().Be(status);
        (await _sim.Call("QueryExports", new JsonArray(), false))!.ToJsonString().Should().Be("[]");
    }

    [Fact]
    public async Task ExportOfARunningFileInstance_WithLongSleep_TransfersTheDisksWhileItIsDown()
    {
        var export = await _sim.RunAsync(SimulatorJobs.Op("OP_BACKUP_EXPORT", """{"instance_name": "files1", "target_node": "node2", "long_sleep": true}"""));

        export.Status.Should().Be("success", export.Result?.ToJsonString());
        export.Log.First().Should().Be("Shutting down instance files1.example.com");
        export.Log.Should().ContainInOrder("Exporting disk/0 from node2.example.com to node2.example.com", "Finalizing export on node2.example.com", "Starting instance files1.example.com");
        (await Instance("files1", "status"))[0]!.GetValue<string>().Should().Be("running");
    }

    /// <summary>
    /// Ganeti 3.0's node writes an export's configuration into the directory only the disk
    /// transfers make, so finalizing the export of an instance without disks fails.
    /// </summary>
    [Fact]
    public async Task Export_OfAStoppedDisklessInstance_FailsToFinalize_AndKeepsNoExport()
    {
        var export = await _sim.RunAsync(SimulatorJobs.Op("OP_BACKUP_EXPORT", """{"instance_name": "batch1", "target_node": "node4"}"""));

        export.Status.Should().Be("error");
        export.Error.Should().Be("""["OpExecError",["Export failed, errors in export finalization"]]""");
        export.Log.Should().HaveCount(5);
        export.Log.Take(3).Should().Equal("Shutting down instance batch1.example.com", "Activating disks for batch1.example.com", "Finalizing export on node4.example.com");
        export.Log[3].Should().MatchRegex("""^ - WARNING: Could not finalize export for instance batch1\.example\.com on node node4\.example\.com: Error while executing backend function: \[Errno 2\] No such file or directory: '/var/lib/ganeti/export/batch1\.example\.com\.new/config\.ini[a-z0-9_]{8}\.new'$""");
        export.Log[4].Should().Be("Deactivating disks for batch1.example.com");
        (await _sim.Call("QueryExports", new JsonArray(), false))!.ToJsonString().Should().Be("[]");
    }

    [Fact]
    public async Task Export_InAModeThatIsNotAnExportMode_IsRefusedAtSubmission()
    {
        var op = SimulatorJobs.Op("OP_BACKUP_EXPORT", """{"instance_name": "web1", "target_node": "node3", "mode": "nosuch"}""");

        var refused = () => _sim.Call("SubmitJob", new JsonArray(op));

        (await refused.Should().ThrowAsync<Ganeti.Application.Errors.MasterProtocolException>()).Which.Message.Should().Contain("Can't parse value for 'mode': Invalid string value for type ExportMode: \"nosuch\"");
    }

    [Fact]
    public async Task Reinstall_ReplacesTheOsParameters()
    {
        (await Modify("cache1", """{"osparams": {"a": "1"}}""")).Status.Should().Be("success");
        (await _sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_SHUTDOWN", """{"instance_name": "cache1"}"""))).Status.Should().Be("success");

        var job = await _sim.RunAsync(SimulatorJobs.Op("OP_INSTANCE_REINSTALL", """{"instance_name": "cache1", "os_type": "noop"}"""));

        job.Status.Should().Be("success", job.Result?.ToJsonString());
        job.Log.Should().Equal("Changing OS scripts to 'noop'...", "Running instance OS create scripts...");
        (await Instance("cache1", "custom_osparams"))[0]!.ToJsonString().Should().Be("{}");
    }
}
