using System.Text.Json.Nodes;
using Ganeti.Application.Cluster;
using Ganeti.Application.Errors;
using Ganeti.Application.Instances;
using Ganeti.Application.Nodes;
using Ganeti.Application.Operations;
using Ganeti.Application.Tags;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Domain.Storage;
using Ganeti.Domain.Tags;

namespace Ganeti.Application.Tests;

/// <summary>The generic body-to-opcode rules (rapi-spec §3.2–§3.4), through commands declared for them and a few declared here.</summary>
public class OpInputTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Build_StaticsAndBody_MakeTheOpcode()
    {
        var op = (OpNodeEvacuate)OpInput.Build(
            new EvacuateNodeCommand("node2") { DryRun = true, Body = JsonNode.Parse("""{"mode": "secondary-only", "remote_node": "node3", "early_release": true}""") },
            Now);

        op.NodeName.Should().Be("node2");
        op.Mode.Should().Be(Domain.Nodes.EvacuationMode.SecondaryOnly);
        op.RemoteNode.Should().Be("node3");
        op.EarlyRelease.Should().BeTrue();
        op.DryRun.Should().BeTrue();
        op.Reason.Should().ContainSingle().Which.Should().Be(new Domain.Common.ReasonEntry("gnt:library:rlib2:nodes_name_evacuate", string.Empty, 1_800_000_000L * 1_000_000_000));
    }

    [Fact]
    public void Build_NoBody_IsLikeAnEmptyObject()
    {
        var op = (OpClusterSetParams)OpInput.Build(new ModifyClusterCommand(), Now);

        op.CandidatePoolSize.Should().BeNull();
        op.Force.Should().BeNull("absent parameters stay unset so the master fills its defaults");
    }

    [Fact]
    public void Build_TypedParameters_ReadEveryKind()
    {
        var body = JsonNode.Parse("""
            {
              "candidate_pool_size": 4, "vg_name": "", "enabled_hypervisors": ["kvm", "fake"],
              "hvparams": {"kvm": {"kernel_path": "/k"}}, "diskparams": {"drbd": {"resync-rate": 1024}},
              "uid_pool": [[1000, 2000]], "hidden_os": [["add", "lenny"]], "enabled_disk_templates": ["plain", "drbd"],
              "enabled_data_collectors": {"cpu-avg-load": false}, "data_collector_interval": {"cpu-avg-load": 5000000},
              "depends": [[-1, ["success"]], ["12", ["error", "canceled"]]]
            }
            """);

        var op = (OpClusterSetParams)OpInput.Build(new ModifyClusterCommand { Body = body }, Now);

        op.CandidatePoolSize.Should().Be(4);
        op.VgName.Should().BeEmpty();
        op.EnabledHypervisors.Should().Equal(Domain.Instances.Hypervisor.Kvm, Domain.Instances.Hypervisor.Fake);
        op.Hvparams!["kvm"]["kernel_path"].Should().BeAssignableTo<JsonValue>().Which.GetValue<string>().Should().Be("/k");
        op.Diskparams!.Keys.Should().Equal(Domain.Instances.DiskTemplate.Drbd);
        op.UidPool.Should().Equal(new Domain.Cluster.UidRange(1000, 2000));
        op.HiddenOs.Should().Equal(new Domain.Cluster.OsListModification(Domain.Cluster.DdmSimple.Add, "lenny"));
        op.EnabledDataCollectors!["cpu-avg-load"].Should().BeFalse();
        op.DataCollectorInterval!["cpu-avg-load"].Should().Be(5_000_000);
        op.Depends.Should().BeEquivalentTo([new OpDependency(-1, [JobStatus.Success]), new OpDependency(12, [JobStatus.Error, JobStatus.Canceled])]);
    }

    [Theory]
    [InlineData("""{"candidate_pool_size": 0}""", "candidate_pool_size")]
    [InlineData("""{"candidate_pool_size": true}""", "candidate_pool_size")]
    [InlineData("""{"enabled_hypervisors": ["vmware"]}""", "enabled_hypervisors")]
    [InlineData("""{"diskparams": {"floppy": {}}}""", "diskparams")]
    [InlineData("""{"uid_pool": [[1000]]}""", "uid_pool")]
    [InlineData("""{"hidden_os": [["rename", "x"]]}""", "hidden_os")]
    [InlineData("""{"mac_prefix": ""}""", "mac_prefix")]
    [InlineData("""{"reserved_lvs": ["ok", ""]}""", "reserved_lvs")]
    [InlineData("""{"enabled_data_collectors": {"x": 1}}""", "enabled_data_collectors")]
    [InlineData("""{"force": null}""", "force")]
    public void Check_ValueOfTheWrongType_FailsValidationOfThatParameter(string body, string parameter) =>
        OpInput.Check(new ModifyClusterCommand { Body = JsonNode.Parse(body) })
            .Should().Be($"Invalid body parameters: (\"Parameter 'OP_CLUSTER_SET_PARAMS.{parameter}' fails validation\", 'wrong_input')");

    [Fact]
    public void Check_ForbiddenParameter_Is403()
    {
        var act = () => OpInput.Check(new ModifyClusterCommand { Body = JsonNode.Parse("""{"compression_tools": ["gzip"]}""") });

        act.Should().Throw<ForbiddenException>().WithMessage("The parameter compression_tools cannot be set via RAPI");
    }

    [Fact]
    public void Renames_OldNameIsTheNewOne_BothIsAnError()
    {
        var op = (OpGroupAdd)OpInput.Build(new AddGroupTestCommand { Body = JsonNode.Parse("""{"name": "g9", "alloc_policy": "last_resort"}""") }, Now);
        op.GroupName.Should().Be("g9");
        op.AllocPolicy.Should().Be(Domain.Groups.AllocPolicy.LastResort);

        OpInput.Check(new AddGroupTestCommand { Body = JsonNode.Parse("""{"name": "a", "group_name": "b"}""") })
            .Should().Be("Parameter 'name' was renamed to 'group_name', but both are specified");
    }

    [Fact]
    public void BodyIgnored_OnlyATruthyDependsIsTaken()
    {
        var tags = new AddTagsCommand(TagKind.Node, "node1") { Tags = ["a"], Body = JsonNode.Parse("""{"tags": ["ignored"], "kind": "x", "depends": [[3, ["success"]]]}""") };

        var op = (OpTagsSet)OpInput.Build(tags, Now);

        op.Tags.Should().Equal("a");
        op.Kind.Should().Be(TagKind.Node);
        op.Name.Should().Be("node1");
        op.Depends.Should().ContainSingle().Which.JobId.Should().Be(3);
        op.Reason!.Single().Source.Should().Be("gnt:library:rlib2:nodes_name_tags");
        ((OpTagsSet)OpInput.Build(tags with { Body = JsonNode.Parse("""{"depends": []}""") }, Now)).Depends.Should().BeNull();
        ((OpTagsSet)OpInput.Build(tags with { Body = JsonNode.Parse("[1, 2]") }, Now)).Depends.Should().BeNull("a body that is not an object is ignored whole");
    }

    [Fact]
    public void ClusterTags_HaveNoName()
    {
        var op = (OpTagsDel)OpInput.Build(new DeleteTagsCommand(TagKind.Cluster, null) { Tags = ["a", "b"], DryRun = true }, Now);

        op.Name.Should().BeNull();
        op.DryRun.Should().BeTrue();
        op.Reason!.Single().Source.Should().Be("gnt:library:rlib2:tags");
    }

    [Fact]
    public void StaticsFromTheQueryString_AreCheckedLikeBodyValues()
    {
        var storage = new QueryNodeStorageCommand("node1") { OutputFieldList = "name,size", StorageType = "lvm-vg" };

        var op = (OpNodeQueryStorage)OpInput.Build(storage, Now);

        op.Nodes.Should().Equal("node1");
        op.OutputFields.Should().Equal("name", "size");
        op.StorageType.Should().Be(StorageType.LvmVg);
        OpInput.Check(storage with { StorageType = "floppy" }).Should().Be("Invalid body parameters: (\"Parameter 'OP_NODE_QUERY_STORAGE.storage_type' fails validation\", 'wrong_input')");
        OpInput.Check(storage with { OutputFieldList = "name,,size" }).Should().Be("Invalid body parameters: (\"Parameter 'OP_NODE_QUERY_STORAGE.output_fields' fails validation\", 'wrong_input')");
    }

    [Fact]
    public void NestedOpcodes_AreBuiltWithTheirOwnSchema()
    {
        var body = JsonNode.Parse("""
            {"instances": [{"instance_name": "i1", "mode": "create", "disks": [{"size": 1024}], "nics": [{}], "os_type": "noop", "disk_template": "plain"}],
             "iallocator": "hail"}
            """);

        var op = (OpInstanceMultiAlloc)OpInput.Build(new MultiAllocTestCommand { Body = body }, Now);

        var create = op.Instances.Should().ContainSingle().Subject;
        create.InstanceName.Should().Be("i1");
        create.Mode.Should().Be(Domain.Instances.InstCreateMode.Create);
        create.Disks.Single()["size"].Should().BeAssignableTo<JsonValue>().Which.GetValue<int>().Should().Be(1024);
        OpInput.Check(new MultiAllocTestCommand { Body = JsonNode.Parse("""{"instances": [{"instance_name": "i1"}]}""") })
            .Should().Be("Invalid body parameters: (\"Parameter 'OP_INSTANCE_MULTI_ALLOC.instances' fails validation\", 'wrong_input')");
    }

    [Fact]
    public void FloatParameters_TakeIntegersToo()
    {
        var op = (OpBackupExport)OpInput.Build(new ExportTestCommand("i1") { Body = JsonNode.Parse("""{"target_node": "node2", "zeroing_timeout_per_mib": 2}""") }, Now);

        op.ZeroingTimeoutPerMib.Should().Be(2.0);
        op.TargetNode.Node.Should().Be("node2");
    }

    [OpResource("groups", Renames = ["name:group_name"])]
    private sealed record AddGroupTestCommand : OpCommand<OpGroupAdd>;

    [OpResource("instances_multi_alloc")]
    private sealed record MultiAllocTestCommand : OpCommand<OpInstanceMultiAlloc>;

    [OpResource("instances_name_export", Renames = ["destination:target_node"])]
    private sealed record ExportTestCommand(string InstanceName) : OpCommand<OpBackupExport>;
}
