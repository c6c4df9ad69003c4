using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Cluster.GetClusterInfo;
using Ganeti.Application.Common;
using Ganeti.Application.Errors;
using Ganeti.Application.Instances.GetInstances;
using Ganeti.Application.Mapping;
using Ganeti.Application.Nodes.EvacuateNode;
using Ganeti.Application.Nodes.GetNodeRole;
using Ganeti.Domain.Nodes;
using NSubstitute;

namespace Ganeti.Application.Tests;

public class QueryHandlerTests
{
    private readonly IGanetiQueries _queries = Substitute.For<IGanetiQueries>();

    [Fact]
    public async Task GetNodeRole_KnownNode_DecodesRoleCode()
    {
        _queries.QueryNodesAsync(Arg.Is<IReadOnlyList<string>>(n => n.Single() == "node2"), Arg.Any<IReadOnlyList<string>>(), false, Arg.Any<CancellationToken>())
            .Returns([new QueryRow(["C"])]);

        var role = await new GetNodeRoleQueryHandler(_queries).Handle(new GetNodeRoleQuery("node2", false), CancellationToken.None);

        role.Should().Be(NodeRole.MasterCandidate);
    }

    [Fact]
    public async Task GetNodeRole_UnknownNode_NotFound()
    {
        _queries.QueryNodesAsync(default!, default!, default, default).ReturnsForAnyArgs([]);

        var act = async () => await new GetNodeRoleQueryHandler(_queries).Handle(new GetNodeRoleQuery("nosuch", false), CancellationToken.None);

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task GetInstances_NotBulk_SortedIndexWithUris()
    {
        _queries.QueryInstancesAsync(default!, default!, default, default).ReturnsForAnyArgs([new QueryRow(["b.example.com"]), new QueryRow(["a.example.com"])]);

        var list = await new GetInstancesQueryHandler(_queries).Handle(new GetInstancesQuery(false, false), CancellationToken.None);

        list.ToJsonString().Should().Be("""[{"id":"a.example.com","uri":"/2/instances/a.example.com"},{"id":"b.example.com","uri":"/2/instances/b.example.com"}]""");
    }

    [Fact]
    public async Task GetInstances_Bulk_AddsMemoryAliasOfMaxmem()
    {
        var values = RapiFields.Instance.Select(f => f == "beparams" ? JsonNode.Parse("""{"maxmem": 512, "minmem": 256}""") : (JsonNode?)null).ToList();
        _queries.QueryInstancesAsync(default!, default!, default, default).ReturnsForAnyArgs([new QueryRow(values)]);

        var list = await new GetInstancesQueryHandler(_queries).Handle(new GetInstancesQuery(true, false), CancellationToken.None);

        var item = list.Single()!.AsObject();
        item.Select(p => p.Key).Should().Equal(RapiFields.Instance);
        item["beparams"]!["memory"]!.GetValue<int>().Should().Be(512);
    }

    [Fact]
    public async Task GetClusterInfo_AddsOldAliases()
    {
        _queries.QueryClusterInfoAsync(default).ReturnsForAnyArgs(new JsonObject { ["volume_group_name"] = "xenvg", ["drbd_usermode_helper"] = "/bin/true" });

        var info = await new GetClusterInfoQueryHandler(_queries).Handle(new GetClusterInfoQuery(), CancellationToken.None);

        info["vg_name"]!.GetValue<string>().Should().Be("xenvg");
        info["drbd_helper"]!.GetValue<string>().Should().Be("/bin/true");
    }

    [Fact]
    public void ApplicationMapping_Compiles() => ApplicationMapping.Create().Invoking(c => c.Compile()).Should().NotThrow();

    [Fact]
    public void EvacuateValidator_MissingMode_Fails()
    {
        var result = new EvacuateNodeCommandValidator().Validate(new EvacuateNodeCommand("node1", false, null, JsonNode.Parse("{}")));
        result.Errors.Select(e => e.ErrorMessage).Should().ContainSingle()
            .Which.Should().Be("Invalid body parameters: (\"Parameter 'OP_NODE_EVACUATE.mode' fails validation\", 'wrong_input')");
    }
}
