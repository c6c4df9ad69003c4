using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Instances;
using Ganeti.Domain.OpCodes;
using Ganeti.Luxi;
using Ganeti.Luxi.Converters;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

/// <summary>How the LUXI serializer writes what Domain keeps free-form or typed as pairs and unions.</summary>
public class OpCodeSerializerTests
{
    [Fact]
    public void FreeFormDict_KeysVerbatim_NestedValuesAndNullsKept()
    {
        // Unset properties are left out, but a null inside a free-form dict is the caller's value.
        var op = new OpInstanceStartup("web1.example.com")
        {
            Hvparams = Dict(("boot_order", "cdrom"), ("cdrom_image_path", null), ("usb_devices", new object?[] { "1a2b:3c4d", 7, true, 1.25 }), ("nested", Dict(("Key-With_Mixed", 1L)))),
        };

        Of(op).Should().Be(
            """{"OP_ID":"OP_INSTANCE_STARTUP","instance_name":"web1.example.com","hvparams":{"boot_order":"cdrom","cdrom_image_path":null,"usb_devices":["1a2b:3c4d",7,true,1.25],"nested":{"Key-With_Mixed":1}}}""");
    }

    [Fact]
    public void EnumInsideFreeFormValue_IsWrittenAsItsWireName() =>
        Of(new OpInstanceSetParams("web1.example.com") { Disks = [new object?[] { "add", -1, Dict(("size", 1024), ("mode", "rw")) }], DiskTemplate = DiskTemplate.SharedFile, Hvparams = Dict(("hv", Hypervisor.XenHvm)) })
            .Should().Be("""{"OP_ID":"OP_INSTANCE_SET_PARAMS","instance_name":"web1.example.com","disks":[["add",-1,{"size":1024,"mode":"rw"}]],"hvparams":{"hv":"xen-hvm"},"disk_template":"sharedfile"}""");

    [Fact]
    public void OpCode_NeverWritesTheComputedOpIdProperty()
    {
        var json = OpCodeJsonConverter.ToJsonObject(new OpInstanceMultiAlloc { Instances = [new OpInstanceCreate("a.example.com", InstCreateMode.Create, [], [])] });
        json.ToJsonString().Should().NotContain("op_id");
        json["instances"]![0]!["OP_ID"]!.GetValue<string>().Should().Be("OP_INSTANCE_CREATE");
    }

    [Fact]
    public void OpCode_DeclaredAsBaseType_WritesItsRuntimeParameters()
    {
        OpCode op = new OpGroupRename("group2", "rack2");
        JsonSerializer.Serialize(op, LuxiJson.Options).Should().Be("""{"OP_ID":"OP_GROUP_RENAME","group_name":"group2","new_name":"rack2"}""");
    }

    [Fact]
    public void SubmitJobRequest_OsVariantAndUnicode_NotEscapedOnTheWire()
    {
        var op = new OpInstanceReinstall("web1.example.com") { OsType = "debootstrap+default", Comment = "café" };
        var bytes = LuxiMessages.EncodeRequest("SubmitJob", [new JsonArray(OpCodeJsonConverter.ToJsonObject(op))], null);
        Encoding.UTF8.GetString(bytes).Should().Be(
            """{"method":"SubmitJob","args":[[{"OP_ID":"OP_INSTANCE_REINSTALL","instance_name":"web1.example.com","os_type":"debootstrap+default","comment":"café"}]]}""");
    }
}
