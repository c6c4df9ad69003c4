using Ganeti.Domain.Groups;
using Ganeti.Domain.Instances;
using Ganeti.Domain.OpCodes;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

public class GroupOpCodeJsonTests
{
    [Fact]
    public void OpGroupAdd_AsRecorded_GoldenJson() =>
        Of(new OpGroupAdd("rapigroup") { AllocPolicy = AllocPolicy.LastResort, DryRun = false, Reason = Rapi("groups") })
            .Should().Be("""{"OP_ID":"OP_GROUP_ADD","group_name":"rapigroup","alloc_policy":"last_resort","dry_run":false,"reason":[["gnt:library:rlib2:groups","",1795739706941314304]]}""");

    [Fact]
    public void OpGroupAdd_WithParameters_KeysDiskparamsByTemplate() =>
        Of(new OpGroupAdd("group2")
        {
            Ndparams = Dict(("exclusive_storage", true)),
            Diskparams = new Dictionary<DiskTemplate, IReadOnlyDictionary<string, object?>> { [DiskTemplate.Plain] = Dict(("stripes", 2)), [DiskTemplate.Drbd] = Dict(("metavg", "xenvg")) },
            Ipolicy = Dict(("vcpu-ratio", 2.5), ("disk-templates", new object?[] { "drbd", "plain" })),
        }).Should().Be(
            """{"OP_ID":"OP_GROUP_ADD","group_name":"group2","ndparams":{"exclusive_storage":true},"diskparams":{"plain":{"stripes":2},"drbd":{"metavg":"xenvg"}},"ipolicy":{"vcpu-ratio":2.5,"disk-templates":["drbd","plain"]}}""");

    [Fact]
    public void OpGroupAssignNodes_GoldenJson() =>
        Of(new OpGroupAssignNodes("group2", ["node3.example.com", "node4.example.com"]) { Force = true, DryRun = true, Reason = Rapi("groups_name_assign_nodes") })
            .Should().Be("""{"OP_ID":"OP_GROUP_ASSIGN_NODES","group_name":"group2","nodes":["node3.example.com","node4.example.com"],"force":true,"dry_run":true,"reason":[["gnt:library:rlib2:groups_name_assign_nodes","",1795739706941314304]]}""");

    [Fact]
    public void OpGroupSetParams_AsRecordedBody_GoldenJson() =>
        Of(new OpGroupSetParams("rapigroup") { AllocPolicy = AllocPolicy.Unallocable, Reason = Rapi("groups_name_modify") })
            .Should().Be("""{"OP_ID":"OP_GROUP_SET_PARAMS","group_name":"rapigroup","alloc_policy":"unallocable","reason":[["gnt:library:rlib2:groups_name_modify","",1795739706941314304]]}""");

    [Fact]
    public void OpGroupRemove_AsRecorded_GoldenJson() =>
        Of(new OpGroupRemove("rapigroup") { DryRun = false, Reason = Rapi("groups_name") })
            .Should().Be("""{"OP_ID":"OP_GROUP_REMOVE","group_name":"rapigroup","dry_run":false,"reason":[["gnt:library:rlib2:groups_name","",1795739706941314304]]}""");

    [Fact]
    public void OpGroupRename_GoldenJson() =>
        Of(new OpGroupRename("group2", "rack2") { Reason = Rapi("groups_name_rename") })
            .Should().Be("""{"OP_ID":"OP_GROUP_RENAME","group_name":"group2","new_name":"rack2","reason":[["gnt:library:rlib2:groups_name_rename","",1795739706941314304]]}""");
}
