using Ganeti.Domain.Instances;
using Ganeti.Domain.Nodes;
using Ganeti.Domain.OpCodes;
using Ganeti.Domain.Storage;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

public class NodeOpCodeJsonTests
{
    [Fact]
    public void OpNodeQueryStorage_GoldenJson() =>
        Of(new OpNodeQueryStorage(["name", "size", "used", "free", "allocatable"])
        {
            StorageType = StorageType.File,
            Nodes = ["node1.ganeti.test"],
            Reason = Rapi("nodes_name_storage"),
        }).Should().Be(
            """{"OP_ID":"OP_NODE_QUERY_STORAGE","output_fields":["name","size","used","free","allocatable"],"storage_type":"file","nodes":["node1.ganeti.test"],"reason":[["gnt:library:rlib2:nodes_name_storage","",1795739706941314304]]}""");

    [Fact]
    public void OpNodeModifyStorage_GoldenJson() =>
        Of(new OpNodeModifyStorage("node1.example.com", StorageType.LvmPv, Dict(("allocatable", false))) { Name = "/dev/sdb1" })
            .Should().Be("""{"OP_ID":"OP_NODE_MODIFY_STORAGE","node_name":"node1.example.com","storage_type":"lvm-pv","changes":{"allocatable":false},"name":"/dev/sdb1"}""");

    [Fact]
    public void OpRepairNodeStorage_GoldenJson() =>
        Of(new OpRepairNodeStorage("node1.example.com", StorageType.LvmVg) { Name = "xenvg", IgnoreConsistency = true })
            .Should().Be("""{"OP_ID":"OP_REPAIR_NODE_STORAGE","node_name":"node1.example.com","storage_type":"lvm-vg","name":"xenvg","ignore_consistency":true}""");

    [Fact]
    public void OpNodeSetParams_RoleMasterCandidate_GoldenJson() =>
        Of(new OpNodeSetParams("node1.ganeti.test") { Force = false, MasterCandidate = true, AutoPromote = false, Reason = Rapi("nodes_name_role") })
            .Should().Be("""{"OP_ID":"OP_NODE_SET_PARAMS","node_name":"node1.ganeti.test","force":false,"master_candidate":true,"auto_promote":false,"reason":[["gnt:library:rlib2:nodes_name_role","",1795739706941314304]]}""");

    [Fact]
    public void OpNodeSetParams_RoleRegular_WritesAllThreeFlagsFalse() =>
        Of(new OpNodeSetParams("node2.example.com") { MasterCandidate = false, Offline = false, Drained = false })
            .Should().Be("""{"OP_ID":"OP_NODE_SET_PARAMS","node_name":"node2.example.com","master_candidate":false,"offline":false,"drained":false}""");

    [Fact]
    public void OpNodeSetParams_Modify_GoldenJson() =>
        Of(new OpNodeSetParams("node2.example.com") { VmCapable = false, SecondaryIp = "192.0.2.12", Ndparams = Dict(("spindle_count", 2), ("oob_program", "/usr/lib/oob")) })
            .Should().Be("""{"OP_ID":"OP_NODE_SET_PARAMS","node_name":"node2.example.com","vm_capable":false,"secondary_ip":"192.0.2.12","ndparams":{"spindle_count":2,"oob_program":"/usr/lib/oob"}}""");

    [Fact]
    public void OpNodePowercycle_GoldenJson() =>
        Of(new OpNodePowercycle("node3.example.com") { Force = true, Reason = Rapi("nodes_name_powercycle") })
            .Should().Be("""{"OP_ID":"OP_NODE_POWERCYCLE","node_name":"node3.example.com","force":true,"reason":[["gnt:library:rlib2:nodes_name_powercycle","",1795739706941314304]]}""");

    [Fact]
    public void OpNodeMigrate_GoldenJson() =>
        Of(new OpNodeMigrate("node1.example.com") { Mode = MigrationMode.NonLive, TargetNode = "node2.example.com", AllowRuntimeChanges = false })
            .Should().Be("""{"OP_ID":"OP_NODE_MIGRATE","node_name":"node1.example.com","mode":"non-live","target_node":"node2.example.com","allow_runtime_changes":false}""");

    [Fact]
    public void OpNodeEvacuate_WithIallocator_GoldenJson() =>
        Of(new OpNodeEvacuate("node2.example.com", EvacuationMode.All) { Iallocator = "hail", EarlyRelease = true, DryRun = true })
            .Should().Be("""{"OP_ID":"OP_NODE_EVACUATE","node_name":"node2.example.com","mode":"all","iallocator":"hail","early_release":true,"dry_run":true}""");
}
