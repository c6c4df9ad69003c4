using Ganeti.Domain.Instances;
using Ganeti.Domain.Networks;
using Ganeti.Domain.OpCodes;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

public class InstanceOpCodeJsonTests
{
    [Fact]
    public void OpInstanceCreate_AsRecordedRapiBody_GoldenJson()
    {
        // POST /2/instances body of capture 147, after the name/os renames.
        var op = new OpInstanceCreate("rapi1.ganeti.test", InstCreateMode.Create, [], [Dict()])
        {
            NameCheck = false,
            Beparams = Dict(("maxmem", 128), ("minmem", 128)),
            DiskTemplate = DiskTemplate.Diskless,
            IpCheck = false,
            OsType = "noop",
            Pnode = "node1.ganeti.test",
            DryRun = false,
            Reason = Rapi("instances"),
        };

        Of(op).Should().Be(
            """{"OP_ID":"OP_INSTANCE_CREATE","instance_name":"rapi1.ganeti.test","mode":"create","disks":[],"nics":[{}],"name_check":false,"beparams":{"maxmem":128,"minmem":128},"disk_template":"diskless","ip_check":false,"os_type":"noop","pnode":"node1.ganeti.test","dry_run":false,"reason":[["gnt:library:rlib2:instances","",1795739706941314304]]}""");
    }

    [Fact]
    public void OpInstanceCreate_DrbdWithDisksAndNics_GoldenJson()
    {
        var op = new OpInstanceCreate(
            "web1.example.com",
            InstCreateMode.Create,
            [Dict(("size", 10240), ("mode", "rw")), Dict(("size", "2G"), ("name", "swap"))],
            [Dict(("link", "br0"), ("mode", NicMode.Bridged), ("mac", "auto")), Dict(("network", "net1"), ("ip", "pool"))])
        {
            Beparams = Dict(("maxmem", 1024), ("vcpus", 2)),
            DiskTemplate = DiskTemplate.Drbd,
            Hvparams = Dict(("boot_order", "disk")),
            Hypervisor = Hypervisor.Kvm,
            OsType = "debootstrap",
            Pnode = "node1.example.com",
            Snode = "node2.example.com",
            Start = false,
            Tags = ["env:prod"],
        };

        Of(op).Should().Be(
            """{"OP_ID":"OP_INSTANCE_CREATE","instance_name":"web1.example.com","mode":"create","disks":[{"size":10240,"mode":"rw"},{"size":"2G","name":"swap"}],"nics":[{"link":"br0","mode":"bridged","mac":"auto"},{"network":"net1","ip":"pool"}],"beparams":{"maxmem":1024,"vcpus":2},"disk_template":"drbd","hvparams":{"boot_order":"disk"},"hypervisor":"kvm","os_type":"debootstrap","pnode":"node1.example.com","snode":"node2.example.com","start":false,"tags":["env:prod"]}""");
    }

    [Fact]
    public void OpInstanceMultiAlloc_NestedCreates_CarryTheirOwnOpId()
    {
        var op = new OpInstanceMultiAlloc
        {
            Iallocator = "hail",
            Instances =
            [
                new OpInstanceCreate("web2.example.com", InstCreateMode.Create, [Dict(("size", 1024))], []) { DiskTemplate = DiskTemplate.Plain, OsType = "debootstrap" },
                new OpInstanceCreate("web3.example.com", InstCreateMode.Create, [Dict(("size", 2048))], [Dict()]) { DiskTemplate = DiskTemplate.Plain, OsType = "debootstrap" },
            ],
            Reason = Rapi("instances_multi_alloc"),
        };

        Of(op).Should().Be(
            """{"OP_ID":"OP_INSTANCE_MULTI_ALLOC","iallocator":"hail","instances":[{"OP_ID":"OP_INSTANCE_CREATE","instance_name":"web2.example.com","mode":"create","disks":[{"size":1024}],"nics":[],"disk_template":"plain","os_type":"debootstrap"},{"OP_ID":"OP_INSTANCE_CREATE","instance_name":"web3.example.com","mode":"create","disks":[{"size":2048}],"nics":[{}],"disk_template":"plain","os_type":"debootstrap"}],"reason":[["gnt:library:rlib2:instances_multi_alloc","",1795739706941314304]]}""");
    }

    [Fact]
    public void OpInstanceReinstall_GoldenJson() =>
        Of(new OpInstanceReinstall("web1.example.com") { OsType = "debootstrap", Osparams = Dict(("dhcp", true)) })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_REINSTALL","instance_name":"web1.example.com","os_type":"debootstrap","osparams":{"dhcp":true}}""");

    [Fact]
    public void OpInstanceRemove_AsRecorded_GoldenJson() =>
        Of(new OpInstanceRemove("rapi1.ganeti.test") { IgnoreFailures = false, DryRun = false, Reason = Rapi("instances_name") })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_REMOVE","instance_name":"rapi1.ganeti.test","ignore_failures":false,"dry_run":false,"reason":[["gnt:library:rlib2:instances_name","",1795739706941314304]]}""");

    [Fact]
    public void OpInstanceRename_GoldenJson() =>
        Of(new OpInstanceRename("web1.example.com", "web2.example.com") { NameCheck = false, IpCheck = false })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_RENAME","instance_name":"web1.example.com","new_name":"web2.example.com","name_check":false,"ip_check":false}""");

    [Fact]
    public void OpInstanceStartup_GoldenJson() =>
        Of(new OpInstanceStartup("inst1.ganeti.test") { Force = false, Hvparams = Dict(("boot_order", "network")), NoRemember = false, Reason = Rapi("instances_name_startup") })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_STARTUP","instance_name":"inst1.ganeti.test","force":false,"hvparams":{"boot_order":"network"},"no_remember":false,"reason":[["gnt:library:rlib2:instances_name_startup","",1795739706941314304]]}""");

    [Fact]
    public void OpInstanceShutdown_TimeoutIsNamedTimeout_GoldenJson() =>
        Of(new OpInstanceShutdown("inst1.ganeti.test") { Timeout = 10, NoRemember = false, AdminStateSource = AdminStateSource.Admin, Reason = Rapi("instances_name_shutdown") })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_SHUTDOWN","instance_name":"inst1.ganeti.test","timeout":10,"no_remember":false,"admin_state_source":"admin","reason":[["gnt:library:rlib2:instances_name_shutdown","",1795739706941314304]]}""");

    [Fact]
    public void OpInstanceReplaceDisks_GoldenJson() =>
        Of(new OpInstanceReplaceDisks("db1.example.com", ReplaceDisksMode.ReplaceOnSecondary) { EarlyRelease = true, Disks = [0, 1] })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_REPLACE_DISKS","instance_name":"db1.example.com","mode":"replace_on_secondary","early_release":true,"disks":[0,1]}""");

    [Fact]
    public void OpInstanceReplaceDisks_NewSecondary_GoldenJson() =>
        Of(new OpInstanceReplaceDisks("db1.example.com", ReplaceDisksMode.ReplaceNewSecondary) { Iallocator = "hail" })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_REPLACE_DISKS","instance_name":"db1.example.com","mode":"replace_new_secondary","iallocator":"hail"}""");

    [Fact]
    public void OpInstanceFailover_GoldenJson() =>
        Of(new OpInstanceFailover("db1.example.com") { ShutdownTimeout = 300, IgnoreConsistency = false, TargetNode = "node3.example.com" })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_FAILOVER","instance_name":"db1.example.com","shutdown_timeout":300,"ignore_consistency":false,"target_node":"node3.example.com"}""");

    [Fact]
    public void OpInstanceMigrate_GoldenJson() =>
        Of(new OpInstanceMigrate("db1.example.com") { Mode = MigrationMode.Live, Cleanup = false, Iallocator = "hail", AllowFailover = true })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_MIGRATE","instance_name":"db1.example.com","mode":"live","cleanup":false,"iallocator":"hail","allow_failover":true}""");

    [Fact]
    public void OpInstanceConsole_GoldenJson() =>
        Of(new OpInstanceConsole("web1.example.com")).Should().Be("""{"OP_ID":"OP_INSTANCE_CONSOLE","instance_name":"web1.example.com"}""");

    [Fact]
    public void OpInstanceActivateDisks_GoldenJson() =>
        Of(new OpInstanceActivateDisks("web1.example.com") { IgnoreSize = true, Reason = Rapi("instances_name_activate_disks") })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_ACTIVATE_DISKS","instance_name":"web1.example.com","ignore_size":true,"reason":[["gnt:library:rlib2:instances_name_activate_disks","",1795739706941314304]]}""");

    [Fact]
    public void OpInstanceDeactivateDisks_GoldenJson() =>
        Of(new OpInstanceDeactivateDisks("web1.example.com") { Force = true })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_DEACTIVATE_DISKS","instance_name":"web1.example.com","force":true}""");

    [Fact]
    public void OpInstanceRecreateDisks_Indices_GoldenJson() =>
        Of(new OpInstanceRecreateDisks("web1.example.com") { Disks = [new DiskRecreation(0), new DiskRecreation(1)], Nodes = ["node1.example.com", "node2.example.com"] })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_RECREATE_DISKS","instance_name":"web1.example.com","disks":[0,1],"nodes":["node1.example.com","node2.example.com"]}""");

    [Fact]
    public void OpInstanceRecreateDisks_WithParameters_WritesIndexParamsPairs() =>
        Of(new OpInstanceRecreateDisks("web1.example.com") { Disks = [new DiskRecreation(0) { Parameters = Dict(("size", 20480)) }] })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_RECREATE_DISKS","instance_name":"web1.example.com","disks":[[0,{"size":20480}]]}""");

    [Fact]
    public void OpInstanceQueryData_AsRecorded_GoldenJson() =>
        Of(new OpInstanceQueryData { UseLocking = true, Instances = ["inst1.ganeti.test"], Static = false, Reason = Rapi("instances_name_info") })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_QUERY_DATA","use_locking":true,"instances":["inst1.ganeti.test"],"static":false,"reason":[["gnt:library:rlib2:instances_name_info","",1795739706941314304]]}""");

    [Fact]
    public void OpInstanceSetParams_GoldenJson()
    {
        var op = new OpInstanceSetParams("rapi1.ganeti.test")
        {
            Nics = [new object?[] { "add", -1, Dict(("link", "br0"), ("mode", NicMode.Bridged)) }],
            Disks = [new object?[] { "modify", 0, Dict(("name", "data")) }],
            Beparams = Dict(("maxmem", 256)),
            Hotplug = true,
            Reason = Rapi("instances_name_modify"),
        };

        Of(op).Should().Be(
            """{"OP_ID":"OP_INSTANCE_SET_PARAMS","instance_name":"rapi1.ganeti.test","nics":[["add",-1,{"link":"br0","mode":"bridged"}]],"disks":[["modify",0,{"name":"data"}]],"beparams":{"maxmem":256},"hotplug":true,"reason":[["gnt:library:rlib2:instances_name_modify","",1795739706941314304]]}""");
    }

    [Fact]
    public void OpInstanceSetParams_DiskTemplateConversion_GoldenJson() =>
        Of(new OpInstanceSetParams("web1.example.com") { DiskTemplate = DiskTemplate.Drbd, RemoteNode = "node2.example.com", FileDriver = FileDriver.Loop })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_SET_PARAMS","instance_name":"web1.example.com","disk_template":"drbd","file_driver":"loop","remote_node":"node2.example.com"}""");

    [Fact]
    public void OpInstanceGrowDisk_GoldenJson() =>
        Of(new OpInstanceGrowDisk("web1.example.com", 0, 2048) { WaitForSync = true, Reason = Rapi("instances_name_disk_grow") })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_GROW_DISK","instance_name":"web1.example.com","disk":0,"amount":2048,"wait_for_sync":true,"reason":[["gnt:library:rlib2:instances_name_disk_grow","",1795739706941314304]]}""");
}
