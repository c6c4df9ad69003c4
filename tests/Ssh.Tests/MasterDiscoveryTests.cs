using System.Net;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Infrastructure.Ssh;
using Ganeti.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ganeti.Ssh.Tests;

/// <summary>
/// Two "nodes": two sshd on 127.0.0.2 and 127.0.0.3, each in its own mount namespace where
/// its node directory is bind-mounted on the same path, so each sees its own
/// <c>ssconf_master_node</c> and only the master's node sees the LUXI socket. A failover
/// moves the simulated master's socket to the other node and rewrites both ssconf files.
/// </summary>
public sealed class MasterDiscoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AddressA = "127.0.0.2";
    private const string AddressB = "127.0.0.3";

    private SshLab _lab = null!;
    private SshServer _nodeA = null!;
    private SshServer _nodeB = null!;
    private string _dirA = null!;
    private string _dirB = null!;
    private string _view = null!;
    private SimulatedMaster _master = null!;

    private string ClusterDir => Path.Combine(_lab.Root, "cluster");

    public async Task InitializeAsync()
    {
        SshLab.RequireTools(namespaces: true);
        _lab = new SshLab(new TestOutputLoggerFactory(output));
        _dirA = Directory.CreateDirectory(Path.Combine(_lab.Root, "nodeA")).FullName;
        _dirB = Directory.CreateDirectory(Path.Combine(_lab.Root, "nodeB")).FullName;
        _view = Directory.CreateDirectory(Path.Combine(_lab.Root, "view")).FullName;
        SetMasterName(AddressA);
        _master = _lab.StartMaster(Path.Combine(_dirA, "luxi.sock"), ClusterDir);
        _nodeA = await _lab.StartServerAsync("sshdA", AddressA, (_dirA, _view));
        _nodeB = await _lab.StartServerAsync("sshdB", AddressB, (_dirB, _view));
        _lab.TrustAll(_nodeA, _nodeB);
    }

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task EachNode_SeesItsOwnSsconf()
    {
        // The premise of the other tests: the namespaces really give the nodes different views.
        File.WriteAllText(Path.Combine(_dirB, "ssconf_master_node"), "somebody-else\n");
        var (transport, client) = _lab.Connect(Options($"{AddressA}:{_nodeA.Port}"));

        await new LuxiQueries(client).QueryClusterInfoAsync(CancellationToken.None);

        transport.Master.Should().Be(_nodeA.Node);
        File.Exists(Path.Combine(_view, "ssconf_master_node")).Should().BeFalse("the view is only filled inside the sshd namespaces");
    }

    [Fact]
    public async Task Failover_TheTransportFollowsTheMaster_WithoutRestart()
    {
        var deadNode = $"127.0.0.9:{SshLab.FreePort("127.0.0.1")}";
        var (transport, client) = _lab.Connect(Options($"{deadNode},{AddressA}:{_nodeA.Port},{AddressB}:{_nodeB.Port}"));
        var queries = new LuxiQueries(client);
        var jobs = new LuxiJobQueue(client);

        await queries.QueryClusterInfoAsync(CancellationToken.None);
        transport.Master.Should().Be(_nodeA.Node, "the unreachable first node is skipped and A names itself");
        var first = await jobs.SubmitAsync([new OpTestDelay(0.001)], CancellationToken.None);
        (await SshLab.WaitForEndAsync(jobs, first)).Should().Be("success");

        await FailoverAsync(_dirB, AddressB);
        var info = await queries.QueryClusterInfoAsync(CancellationToken.None);

        info.Should().ContainKey("name");
        transport.Master.Should().Be(_nodeB.Node);
        var second = await jobs.SubmitAsync([new OpTestDelay(0.001)], CancellationToken.None);
        second.Value.Should().BeGreaterThan(first.Value, "the same job queue moved with the master");
        (await SshLab.WaitForEndAsync(jobs, second)).Should().Be("success");

        await FailoverAsync(_dirA, AddressA);
        await queries.QueryClusterInfoAsync(CancellationToken.None);
        transport.Master.Should().Be(_nodeA.Node);
    }

    [Fact]
    public async Task StaleSsconfOnTheOldMaster_IsNotBelieved_WhenItsSocketIsGone()
    {
        var (transport, client) = _lab.Connect(Options($"{AddressA}:{_nodeA.Port},{AddressB}:{_nodeB.Port}"));
        var queries = new LuxiQueries(client);
        await queries.QueryClusterInfoAsync(CancellationToken.None);

        // The master moves to B, but A's ssconf still names A.
        await FailoverAsync(_dirB, AddressB);
        File.WriteAllText(Path.Combine(_dirA, "ssconf_master_node"), AddressA + "\n");
        File.WriteAllText(Path.Combine(_dirB, "ssconf_master_node"), AddressB + "\n");
        await queries.QueryClusterInfoAsync(CancellationToken.None);

        transport.Master.Should().Be(_nodeB.Node);
    }

    [Fact]
    public async Task NoNodeNamesTheMaster_TheErrorGivesEachNodesReason_NamingTheNodeOnce()
    {
        File.Delete(Path.Combine(_dirA, "ssconf_master_node"));
        var deadNode = $"127.0.0.9:{SshLab.FreePort("127.0.0.1")}";
        var (_, client) = _lab.Connect(Options($"{deadNode},{AddressA}:{_nodeA.Port}"), new LuxiOptions { ConnectAttempts = 1 });

        var act = async () => await new LuxiQueries(client).QueryClusterInfoAsync(CancellationToken.None);

        var error = (await act.Should().ThrowAsync<MasterUnreachableException>()).Which.Message;
        error.Should().Contain($"Can't connect to {deadNode} over SSH").And.NotContain($"{deadNode}: Can't connect");
        error.Should().Contain($"{AddressA}:{_nodeA.Port}: cannot read {Path.Combine(_view, "ssconf_master_node")} (exit status 1");
    }

    [Fact]
    public async Task UnreadableKey_IsGivenOnce_NotOncePerNode()
    {
        var options = Options($"{AddressA}:{_nodeA.Port},{AddressB}:{_nodeB.Port}");
        options.KeyFile = Path.Combine(_lab.Root, "no-such-key");
        var (_, client) = _lab.Connect(options, new LuxiOptions { ConnectAttempts = 1 });

        var act = async () => await new LuxiQueries(client).QueryClusterInfoAsync(CancellationToken.None);

        var error = (await act.Should().ThrowAsync<MasterUnreachableException>()).Which.Message;
        error.Should().StartWith($"Can't load the SSH key {options.KeyFile}");
        error.Split("Can't load").Should().HaveCount(2, "the key is the same for every node");
    }

    [Fact]
    public async Task Failover_TheGatewayServesInfoBeforeAndAfter_WithoutRestart()
    {
        await using var gateway = new SshGateway(_lab, $"{AddressA}:{_nodeA.Port},{AddressB}:{_nodeB.Port}", Path.Combine(_view, "luxi.sock"), Path.Combine(_view, "ssconf_master_node"));
        using var http = gateway.CreateClient();

        var before = await http.GetAsync(new Uri("/2/info", UriKind.Relative));
        before.StatusCode.Should().Be(HttpStatusCode.OK, await before.Content.ReadAsStringAsync());
        gateway.Services.GetRequiredService<ILuxiTransport>().Should().BeOfType<SshTransport>();
        File.Exists(Path.Combine(_lab.Root, "gateway", "luxi.sock")).Should().BeFalse("no embedded simulator runs when SSH nodes are configured");

        await FailoverAsync(_dirB, AddressB);
        var after = await http.GetAsync(new Uri("/2/info", UriKind.Relative));

        after.StatusCode.Should().Be(HttpStatusCode.OK, await after.Content.ReadAsStringAsync());
        JsonNode.Parse(await after.Content.ReadAsStringAsync())!["name"]!.GetValue<string>()
            .Should().Be(JsonNode.Parse(await before.Content.ReadAsStringAsync())!["name"]!.GetValue<string>());
    }

    private SshOptions Options(string nodes) =>
        _lab.Options(nodes, Path.Combine(_view, "luxi.sock"), Path.Combine(_view, "ssconf_master_node"));

    private void SetMasterName(string name)
    {
        File.WriteAllText(Path.Combine(_dirA, "ssconf_master_node"), name + "\n");
        File.WriteAllText(Path.Combine(_dirB, "ssconf_master_node"), name + "\n");
    }

    /// <summary>Like gnt-cluster master-failover: the master daemon moves to the node directory, ssconf names it everywhere.</summary>
    private async Task FailoverAsync(string nodeDir, string nodeName)
    {
        await _lab.StopMasterAsync(_master);
        SetMasterName(nodeName);
        _master = _lab.StartMaster(Path.Combine(nodeDir, "luxi.sock"), ClusterDir);
    }
}
