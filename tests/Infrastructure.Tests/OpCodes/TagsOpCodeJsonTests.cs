using Ganeti.Domain.OpCodes;
using Ganeti.Domain.Tags;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

public class TagsOpCodeJsonTests
{
    [Fact]
    public void OpTagsSet_ClusterViaRapi_HasNoName() =>
        Of(new OpTagsSet(TagKind.Cluster, ["captured", "second"]) { DryRun = false, Reason = Rapi("tags") })
            .Should().Be("""{"OP_ID":"OP_TAGS_SET","kind":"cluster","tags":["captured","second"],"dry_run":false,"reason":[["gnt:library:rlib2:tags","",1795739706941314304]]}""");

    [Fact]
    public void OpTagsSet_Instance_GoldenJson() =>
        Of(new OpTagsSet(TagKind.Instance, ["app:web", "env:prod"]) { Name = "web1.example.com", Reason = Rapi("instances_name_tags") })
            .Should().Be("""{"OP_ID":"OP_TAGS_SET","kind":"instance","tags":["app:web","env:prod"],"name":"web1.example.com","reason":[["gnt:library:rlib2:instances_name_tags","",1795739706941314304]]}""");

    [Fact]
    public void OpTagsDel_NodeGroup_KindIsNodegroup() =>
        Of(new OpTagsDel(TagKind.NodeGroup, ["rack:r1"]) { Name = "group2", Reason = Rapi("groups_name_tags") })
            .Should().Be("""{"OP_ID":"OP_TAGS_DEL","kind":"nodegroup","tags":["rack:r1"],"name":"group2","reason":[["gnt:library:rlib2:groups_name_tags","",1795739706941314304]]}""");

    [Fact]
    public void OpTagsGet_GoldenJson() =>
        Of(new OpTagsGet(TagKind.Node) { UseLocking = false, Name = "node1.example.com" })
            .Should().Be("""{"OP_ID":"OP_TAGS_GET","kind":"node","use_locking":false,"name":"node1.example.com"}""");
}
