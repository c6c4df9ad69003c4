using System.Reflection;
using System.Runtime.CompilerServices;
using Ganeti.Domain.Cluster;
using Ganeti.Domain.Common;
using Ganeti.Domain.Groups;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Networks;
using Ganeti.Domain.OpCodes;
using Ganeti.Domain.Query;
using Ganeti.Domain.Storage;
using Ganeti.Domain.Tags;

namespace Ganeti.Domain.Tests;

/// <summary>The opcode records against the list of opcodes RAPI submits (rapi-spec §8).</summary>
public class OpCodeCatalogTests
{
    private static readonly string[] RapiOpIdList =
    [
        "OP_CLUSTER_SET_PARAMS", "OP_CLUSTER_REDIST_CONF", "OP_NODE_QUERY_STORAGE", "OP_NODE_MODIFY_STORAGE",
        "OP_REPAIR_NODE_STORAGE", "OP_NODE_SET_PARAMS", "OP_NODE_POWERCYCLE", "OP_NODE_MIGRATE", "OP_NODE_EVACUATE",
        "OP_INSTANCE_CREATE", "OP_INSTANCE_MULTI_ALLOC", "OP_INSTANCE_REINSTALL", "OP_INSTANCE_REMOVE",
        "OP_INSTANCE_RENAME", "OP_INSTANCE_STARTUP", "OP_INSTANCE_SHUTDOWN", "OP_INSTANCE_REBOOT",
        "OP_INSTANCE_REPLACE_DISKS", "OP_INSTANCE_FAILOVER", "OP_INSTANCE_MIGRATE", "OP_INSTANCE_CONSOLE",
        "OP_INSTANCE_ACTIVATE_DISKS", "OP_INSTANCE_DEACTIVATE_DISKS", "OP_INSTANCE_RECREATE_DISKS",
        "OP_INSTANCE_QUERY_DATA", "OP_INSTANCE_SET_PARAMS", "OP_INSTANCE_GROW_DISK", "OP_GROUP_ADD",
        "OP_GROUP_ASSIGN_NODES", "OP_GROUP_SET_PARAMS", "OP_GROUP_REMOVE", "OP_GROUP_RENAME", "OP_OS_DIAGNOSE",
        "OP_BACKUP_PREPARE", "OP_BACKUP_EXPORT", "OP_BACKUP_REMOVE", "OP_TAGS_GET", "OP_TAGS_SET", "OP_TAGS_DEL",
        "OP_NETWORK_ADD", "OP_NETWORK_REMOVE", "OP_NETWORK_RENAME", "OP_NETWORK_SET_PARAMS", "OP_NETWORK_CONNECT",
        "OP_NETWORK_DISCONNECT", "OP_QUERY", "OP_QUERY_FIELDS", "OP_CLUSTER_QUERY",
    ];

    public static readonly TheoryData<string> RapiOpIds = new(RapiOpIdList);

    private static readonly List<Type> OpCodeTypes =
        [.. typeof(OpCode).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(OpCode)) && !t.IsAbstract)];

    [Fact]
    public void RapiOpIds_ListsFortyEightDistinctOpcodes() =>
        RapiOpIdList.Should().HaveCount(48).And.OnlyHaveUniqueItems();

    [Theory]
    [MemberData(nameof(RapiOpIds))]
    public void OpId_FromRapiList_HasExactlyOneOpCodeType(string opId) =>
        OpCodeTypes.Where(t => OpIds.FromTypeName(t.Name) == opId).Should().ContainSingle($"{opId} needs exactly one Op… record");

    [Theory]
    [InlineData("OpRepairNodeStorage", "OP_REPAIR_NODE_STORAGE")]
    [InlineData("OpBackupPrepare", "OP_BACKUP_PREPARE")]
    [InlineData("OpInstanceMultiAlloc", "OP_INSTANCE_MULTI_ALLOC")]
    [InlineData("OpNodePowercycle", "OP_NODE_POWERCYCLE")]
    [InlineData("OpOsDiagnose", "OP_OS_DIAGNOSE")]
    public void FromTypeName_IrregularNames_GiveGanetiOpIds(string typeName, string expected) =>
        OpIds.FromTypeName(typeName).Should().Be(expected);

    [Fact]
    public void OpId_OfAnInstance_ComesFromItsType() =>
        new OpInstanceGrowDisk("web1.example.com", 0, 1024).OpId.Should().Be("OP_INSTANCE_GROW_DISK");

    [Fact]
    public void OpCodeRecords_AreSealed() =>
        OpCodeTypes.Should().AllSatisfy(t => t.IsSealed.Should().BeTrue($"{t.Name} should be sealed"));

    [Fact]
    public void OpCodeRecords_HaveNoPublicNonInitSetters()
    {
        foreach (var type in OpCodeTypes)
        {
            foreach (var property in type.GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
            {
                property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers()
                    .Should().Contain(typeof(IsExternalInit), $"{type.Name}.{property.Name} must be init-only");
            }
        }
    }

    [Fact]
    public void OpCodeRecords_HaveNoPublicFields() =>
        OpCodeTypes.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance)).Should().BeEmpty();

    [Fact]
    public void OpCodeRecords_ExposeOnlyReadOnlyCollections()
    {
        foreach (var property in OpCodeTypes.SelectMany(t => t.GetProperties()))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            type.IsArray.Should().BeFalse($"{property.DeclaringType!.Name}.{property.Name} should not be an array");
            if (type.IsGenericType && type != typeof(Nullable<>))
            {
                new[] { typeof(IReadOnlyList<>), typeof(IReadOnlyDictionary<,>) }.Should().Contain(
                    type.GetGenericTypeDefinition(),
                    $"{property.DeclaringType!.Name}.{property.Name} should be a read-only collection");
            }
        }
    }

    [Fact]
    public void OptionalParameters_AreNullable_SoUnsetOnesStayOffTheWire()
    {
        var nullability = new NullabilityInfoContext();
        foreach (var type in OpCodeTypes)
        {
            var positional = type.GetConstructors().Single().GetParameters().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var property in type.GetProperties().Where(p => p.SetMethod is not null && !positional.Contains(p.Name)))
            {
                nullability.Create(property).WriteState.Should().Be(NullabilityState.Nullable, $"{type.Name}.{property.Name} is optional");
            }
        }
    }

    [Fact]
    public void RequiredParameters_ArePositionalAndNotNullable()
    {
        var nullability = new NullabilityInfoContext();
        foreach (var parameter in OpCodeTypes.SelectMany(t => t.GetConstructors().Single().GetParameters()))
        {
            nullability.Create(parameter).WriteState.Should().Be(NullabilityState.NotNull, $"{parameter.Member.DeclaringType!.Name}({parameter.Name}) is required");
        }
    }

    [Fact]
    public void With_ChangesACopy_LeavesTheOriginal()
    {
        var op = new OpInstanceShutdown("web1.example.com") { Timeout = 60 };
        var changed = op with { Timeout = 30, AdminStateSource = AdminStateSource.User };
        op.Timeout.Should().Be(60);
        op.AdminStateSource.Should().BeNull();
        changed.Should().NotBe(op);
    }

    public static readonly TheoryData<Type, string> EnumDomains = new()
    {
        { typeof(ReplaceDisksMode), "replace_on_primary replace_on_secondary replace_new_secondary replace_auto" },
        { typeof(MigrationMode), "live non-live" },
        { typeof(ExportMode), "local remote" },
        { typeof(AllocPolicy), "preferred last_resort unallocable" },
        { typeof(StorageType), "file sharedfile gluster lvm-pv lvm-vg diskless blockdev rados ext" },
        { typeof(TagKind), "instance node nodegroup cluster network" },
        { typeof(AdminStateSource), "admin user" },
        { typeof(NicMode), "bridged routed openvswitch pool ext" },
        { typeof(FileDriver), "loop blktap blktap2" },
        { typeof(InstCreateMode), "create import remote-import" },
        { typeof(Hypervisor), "kvm xen-pvm chroot xen-hvm lxc fake" },
        { typeof(DdmSimple), "add attach remove detach" },
        { typeof(QueryResource), "cluster instance node group os export network" },
    };

    [Theory]
    [MemberData(nameof(EnumDomains))]
    public void WireNames_MatchGanetiEnumDomain(Type enumType, string domain)
    {
        var all = (IReadOnlyList<string>)typeof(WireNames<>).MakeGenericType(enumType).GetProperty("All")!.GetValue(null)!;
        all.Should().Equal(domain.Split(' '));
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Should().AllSatisfy(f => f.GetCustomAttribute<WireNameAttribute>().Should().NotBeNull($"{enumType.Name}.{f.Name} needs a [WireName]"));
    }

    [Fact]
    public void WireNames_NodeGroupTagKind_IsNodegroup()
    {
        WireNames<TagKind>.ToWire(TagKind.NodeGroup).Should().Be("nodegroup");
        WireNames<TagKind>.IsKnown("group").Should().BeFalse();
    }

    [Fact]
    public void ExportTarget_Local_HoldsTheNode()
    {
        var target = ExportTarget.Local("node2.example.com");
        (target.Node, target.RemoteDisks, target.IsRemote).Should().Be(("node2.example.com", (IReadOnlyList<object?>?)null, false));
    }

    [Fact]
    public void ExportTarget_Remote_HoldsTheDiskList()
    {
        IReadOnlyList<object?> disks = [new object?[] { "198.51.100.7", 11000, "magic" }];
        var target = ExportTarget.Remote(disks);
        target.IsRemote.Should().BeTrue();
        target.Node.Should().BeNull();
        target.RemoteDisks.Should().BeSameAs(disks);
    }

    [Fact]
    public void ExportTarget_LocalWithoutNode_IsRefused() =>
        FluentActions.Invoking(() => ExportTarget.Local("")).Should().Throw<ArgumentException>();
}
