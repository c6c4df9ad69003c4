using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Cluster.GetClusterInfo;
using Ganeti.Application.Errors;
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

        var role = await new GetNodeRoleQueryHandler(_queries).Handle(new GetNodeRoleQuery("node2"), CancellationToken.None);

        role.Should().Be(NodeRole.MasterCandidate);
    }

    [Fact]
    public async Task GetNodeRole_UnknownNode_NotFound()
    {
        _queries.QueryNodesAsync(default!, default!, default, default).ReturnsForAnyArgs([]);

        var act = async () => await new GetNodeRoleQueryHandler(_queries).Handle(new GetNodeRoleQuery("nosuch"), CancellationToken.None);

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task GetClusterInfo_AddsOldAliases()
    {
        _queries.QueryClusterInfoAsync(default).ReturnsForAnyArgs(new JsonObject { ["volume_group_name"] = "xenvg", ["drbd_usermode_helper"] = "/bin/true" });

        var info = await new GetClusterInfoQueryHandler(_queries).Handle(new GetClusterInfoQuery(), CancellationToken.None);

        info["vg_name"]!.GetValue<string>().Should().Be("xenvg");
        info["drbd_helper"]!.GetValue<string>().Should().Be("/bin/true");
    }

    internal static RawJson Raw(string json) => RawJson.Of(Encoding.UTF8.GetBytes(json));
}
