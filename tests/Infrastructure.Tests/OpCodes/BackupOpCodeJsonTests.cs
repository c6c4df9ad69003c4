using Ganeti.Domain.Instances;
using Ganeti.Domain.OpCodes;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

public class BackupOpCodeJsonTests
{
    [Fact]
    public void OpBackupPrepare_GoldenJson() =>
        Of(new OpBackupPrepare("web1.example.com", ExportMode.Remote) { Reason = Rapi("instances_name_prepare_export") })
            .Should().Be("""{"OP_ID":"OP_BACKUP_PREPARE","instance_name":"web1.example.com","mode":"remote","reason":[["gnt:library:rlib2:instances_name_prepare_export","",1795739706941314304]]}""");

    [Fact]
    public void OpBackupExport_Local_TargetIsTheNodeName() =>
        Of(new OpBackupExport("web1.example.com", ExportTarget.Local("node2.example.com")) { Shutdown = true, RemoveInstance = false, Mode = ExportMode.Local, Reason = Rapi("instances_name_export") })
            .Should().Be("""{"OP_ID":"OP_BACKUP_EXPORT","instance_name":"web1.example.com","target_node":"node2.example.com","shutdown":true,"remove_instance":false,"mode":"local","reason":[["gnt:library:rlib2:instances_name_export","",1795739706941314304]]}""");

    [Fact]
    public void OpBackupExport_Remote_TargetIsTheDiskList()
    {
        var op = new OpBackupExport("web1.example.com", ExportTarget.Remote([new object?[] { "198.51.100.7", 11000, "c2lnbmF0dXJl" }]))
        {
            Compress = "gzip",
            ShutdownTimeout = 600,
            Mode = ExportMode.Remote,
            X509KeyName = ["x509-key-1", "hmac", "salt"],
            DestinationX509Ca = "ca-certificate",
            ZeroFreeSpace = true,
            ZeroingTimeoutPerMib = 0.5,
        };

        Of(op).Should().Be(
            """{"OP_ID":"OP_BACKUP_EXPORT","instance_name":"web1.example.com","target_node":[["198.51.100.7",11000,"c2lnbmF0dXJl"]],"compress":"gzip","shutdown_timeout":600,"mode":"remote","x509_key_name":["x509-key-1","hmac","salt"],"destination_x509_ca":"ca-certificate","zero_free_space":true,"zeroing_timeout_per_mib":0.5}""");
    }

    [Fact]
    public void OpBackupRemove_GoldenJson() =>
        Of(new OpBackupRemove("web1.example.com") { InstanceUuid = "0dcfa425-17fa-44a5-a343-466347db5bb5" })
            .Should().Be("""{"OP_ID":"OP_BACKUP_REMOVE","instance_name":"web1.example.com","instance_uuid":"0dcfa425-17fa-44a5-a343-466347db5bb5"}""");
}
