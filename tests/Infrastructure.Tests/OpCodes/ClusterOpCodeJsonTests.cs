using Ganeti.Domain.Cluster;
using Ganeti.Domain.Instances;
using Ganeti.Domain.OpCodes;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

public class ClusterOpCodeJsonTests
{
    [Fact]
    public void OpClusterSetParams_GoldenJson()
    {
        var op = new OpClusterSetParams
        {
            VgName = "xenvg",
            EnabledHypervisors = [Hypervisor.Kvm, Hypervisor.XenPvm],
            Hvparams = new Dictionary<string, IReadOnlyDictionary<string, object?>> { ["kvm"] = Dict(("kernel_path", ""), ("migration_bandwidth", 64)) },
            Beparams = Dict(("maxmem", 1024), ("minmem", 512), ("vcpus", 2)),
            Diskparams = new Dictionary<DiskTemplate, IReadOnlyDictionary<string, object?>> { [DiskTemplate.Drbd] = Dict(("resync-rate", 61440)) },
            CandidatePoolSize = 10,
            UidPool = [new UidRange(4000, 4099)],
            AddUids = [new UidRange(5000, 5000)],
            Ipolicy = Dict(("vcpu-ratio", 4.5)),
            MasterNetmask = 24,
            HiddenOs = [new OsListModification(DdmSimple.Add, "debian-image")],
            BlacklistedOs = [new OsListModification(DdmSimple.Remove, "lenny")],
            EnabledDiskTemplates = [DiskTemplate.Drbd, DiskTemplate.Plain],
            EnabledDataCollectors = new Dictionary<string, bool> { ["cpu-avg-load"] = true, ["xen-cpu-avg-load"] = false },
            DataCollectorInterval = new Dictionary<string, long> { ["cpu-avg-load"] = 5000000 },
            Reason = Rapi("cluster_modify"),
        };

        Of(op).Should().Be(
            """{"OP_ID":"OP_CLUSTER_SET_PARAMS","vg_name":"xenvg","enabled_hypervisors":["kvm","xen-pvm"],"hvparams":{"kvm":{"kernel_path":"","migration_bandwidth":64}},"beparams":{"maxmem":1024,"minmem":512,"vcpus":2},"diskparams":{"drbd":{"resync-rate":61440}},"candidate_pool_size":10,"uid_pool":[[4000,4099]],"add_uids":[[5000,5000]],"ipolicy":{"vcpu-ratio":4.5},"master_netmask":24,"hidden_os":[["add","debian-image"]],"blacklisted_os":[["remove","lenny"]],"enabled_disk_templates":["drbd","plain"],"enabled_data_collectors":{"cpu-avg-load":true,"xen-cpu-avg-load":false},"data_collector_interval":{"cpu-avg-load":5000000},"reason":[["gnt:library:rlib2:cluster_modify","",1795739706941314304]]}""");
    }

    [Fact]
    public void OpClusterSetParams_EmptyStringsDisable_AreWritten() =>
        Of(new OpClusterSetParams { VgName = "", DrbdHelper = "" })
            .Should().Be("""{"OP_ID":"OP_CLUSTER_SET_PARAMS","vg_name":"","drbd_helper":""}""");

    [Fact]
    public void OpClusterRedistConf_GoldenJson() =>
        Of(new OpClusterRedistConf { Reason = Rapi("redist_config") })
            .Should().Be("""{"OP_ID":"OP_CLUSTER_REDIST_CONF","reason":[["gnt:library:rlib2:redist_config","",1795739706941314304]]}""");

    [Fact]
    public void OpClusterQuery_OnlyCommonParameters_GoldenJson() =>
        Of(new OpClusterQuery { Priority = -10 }).Should().Be("""{"OP_ID":"OP_CLUSTER_QUERY","priority":-10}""");

    [Fact]
    public void OpOsDiagnose_AsRapiListsOses_GoldenJson() =>
        Of(new OpOsDiagnose(["name", "variants"]) { Names = [] })
            .Should().Be("""{"OP_ID":"OP_OS_DIAGNOSE","output_fields":["name","variants"],"names":[]}""");
}
