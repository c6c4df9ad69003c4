using System.Text.RegularExpressions;
using static Ganeti.Contract.Tests.Cli.GanetiCommands;

namespace Ganeti.Contract.Tests.Cli;

/// <summary>
/// Ganeti's own command-line tools (the <c>gnt-*</c> commands of the packages up.sh installs)
/// against the simulator in standalone mode (see <see cref="GanetiCommands"/>); htools
/// (<c>hinfo</c>, <c>hspace</c>, <c>hbal</c>) take its socket as an argument. The simulated
/// cluster is the demo one (cluster.example.com).
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed partial class GanetiCliTests : IAsyncLifetime
{
    private StandaloneSimulator _simulator = null!;

    private string Socket => _simulator.Socket;

    public async Task InitializeAsync() => _simulator = await StandaloneSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task ListCommands_ShowTheSimulatedCluster()
    {
        var instances = await GntAsync("gnt-instance", "list", "--no-headers", "-o", "name,pnode,status");
        var nodes = await GntAsync("gnt-node", "list", "--no-headers", "-o", "name,role,pinst_cnt,sinst_cnt");
        var groups = await GntAsync("gnt-group", "list", "--no-headers", "-o", "name,node_cnt,pinst_cnt");
        var locks = await GntAsync("gnt-debug", "locks");

        Rows(instances).Should().Equal(
            "batch1.example.com node4.example.com ADMIN_down",
            "cache1.example.com node4.example.com running",
            "db1.example.com node1.example.com running",
            "files1.example.com node2.example.com running",
            "web1.example.com node1.example.com running",
            "web2.example.com node2.example.com running");
        Rows(nodes).Should().Equal(
            "node1.example.com M 2 1",
            "node2.example.com C 2 2",
            "node3.example.com C 0 0",
            "node4.example.com R 2 0");
        Rows(groups).Should().Equal("default 3 4", "group2 1 2");
        Rows(locks).Should().Equal("Name Mode Owner Pending");
    }

    [Fact]
    public async Task Reboot_IsAJobTheCliWaitsFor_AndTheQueueShows()
    {
        var reboot = await GntAsync("gnt-instance", "reboot", "web1.example.com");
        var id = JobId().Match(reboot).Groups[1].Value;

        id.Should().NotBeEmpty($"gnt-instance reboot should wait for its job: {reboot}");
        Rows(await GntAsync("gnt-job", "list", "--no-headers", "-o", "id,status,summary")).Should().Contain($"{id} success INSTANCE_REBOOT(web1.example.com)");
        (await GntAsync("gnt-job", "info", id)).Should().Contain("Status: success").And.Contain("Opcode: OP_INSTANCE_REBOOT");
    }

    [Fact]
    public async Task InstanceInfo_ShowsEveryKindOfDisk()
    {
        var info = await GntAsync("gnt-instance", "info", "web1.example.com", "files1.example.com", "cache1.example.com", "batch1.example.com");

        info.Should().Contain("- Instance name: web1.example.com").And.Contain("State: configured to be up, actual state is up");
        info.Should().Contain("disk/0: drbd, size 10.0G").And.Contain("nodeB: node2.example.com").And.Contain("on secondary: /dev/drbd");
        info.Should().Contain("disk/0: file, size 4.0G").And.Contain("disk/0: plain, size 2.0G");
        info.Should().Contain("State: configured to be down, actual state is down");
    }

    [Fact]
    public async Task RefusedOperations_ShowGanetisErrors()
    {
        var demotion = await GntAsync(1, "gnt-node", "modify", "--drained=yes", "node3.example.com");
        var promoted = await GntAsync("gnt-node", "modify", "--drained=yes", "--auto-promote", "node3.example.com");
        await GntAsync("gnt-cluster", "queue", "drain");
        var drained = await GntAsync(1, "gnt-instance", "reboot", "web2.example.com");
        await GntAsync("gnt-cluster", "queue", "undrain");

        demotion.Should().Contain("Not enough master candidates, please pass auto promote option to allow promotion (--auto-promote or RAPI auto_promote=True)");
        promoted.Should().Contain("drained -> True").And.Contain("master_candidate -> False");
        drained.Should().Contain("Queue drained");
        Rows(await GntAsync("gnt-node", "list", "--no-headers", "-o", "name,role")).Should().Equal(
            "node1.example.com M", "node2.example.com C", "node3.example.com D", "node4.example.com C");
    }

    [Fact]
    public async Task Htools_OverLuxi_ReadAndBalanceTheSimulatedCluster()
    {
        // htools take the LUXI socket as an argument, so they talk to the simulator directly.
        var info = await RunAsync(0, "hinfo", "-L" + Socket);
        var space = await RunAsync(0, "hspace", "-L" + Socket);
        var plan = await RunAsync(0, "hbal", "-L" + Socket, "-G", "default");
        var executed = await RunAsync(0, "hbal", "-L" + Socket, "-G", "default", "-X");
        var after = await RunAsync(0, "hbal", "-L" + Socket, "-G", "default");

        info.Should().Contain("Loaded 4 nodes, 6 instances, 2 node groups").And.Contain("Cluster is N+1 happy");
        space.Should().Contain("The cluster has 4 nodes").And.Contain("There are 6 initial instances on the cluster.");
        plan.Should().Contain("Solution length=2");
        executed.Should().Contain("Got job IDs");
        after.Should().Contain("Solution length=0", "the simulator ran hbal's moves (replace-disks, failover), so nothing is left to do");
    }

    [GeneratedRegex(@"Waiting for job (\d+) ")]
    private static partial Regex JobId();

    private Task<string> GntAsync(params string[] command) => GntAsync(0, command);

    private Task<string> GntAsync(int exitCode, params string[] command) => OnSimulatorAsync(Socket, exitCode, command);
}
