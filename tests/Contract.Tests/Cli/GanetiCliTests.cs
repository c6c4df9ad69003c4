using System.Diagnostics;
using System.Text.RegularExpressions;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Simulator;

namespace Ganeti.Contract.Tests;

/// <summary>
/// Ganeti's own command-line tools (the <c>gnt-*</c> commands of the packages up.sh installs)
/// against the simulator in standalone mode. In a private mount namespace the simulator's
/// socket is bind-mounted over luxid's, and the tools run in the real cluster's network and
/// UTS namespaces (with the node's hostname; ssconf is the host's), so they take the
/// simulator for the master. htools (<c>hinfo</c>, <c>hspace</c>, <c>hbal</c>) take the socket as an
/// argument. The simulated cluster is the demo one (cluster.example.com).
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed partial class GanetiCliTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cli-sim-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _simulator;

    private string Socket => Path.Combine(_dataDir, "luxi.sock");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        try
        {
            _simulator = Process.Start(new ProcessStartInfo("dotnet", [typeof(SimulatedMaster).Assembly.Location, "--data-dir", _dataDir, "--socket", Socket, "--sim-time-scale", "0"])
            {
                RedirectStandardOutput = true,
            })!;
            var ready = await _simulator.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            ready.Should().Be($"simulated master listening on {Socket}");
        }
        catch
        {
            // xUnit does not call DisposeAsync when InitializeAsync fails.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            _simulator.Kill(entireProcessTree: true);
            await _simulator.WaitForExitAsync();
            _simulator.Dispose();
            _simulator = null;
        }

        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

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
    public async Task RefusedOperations_ShowGanetisErrors()
    {
        var demotion = await GntAsync(1, "gnt-node", "modify", "--drained=yes", "node3.example.com");
        var promoted = await GntAsync("gnt-node", "modify", "--drained=yes", "--auto-promote", "node3.example.com");
        await GntAsync("gnt-cluster", "queue", "drain");
        var drained = await GntAsync(1, "gnt-instance", "reboot", "web2.example.com");
        await GntAsync("gnt-cluster", "queue", "undrain");

        demotion.Should().Contain("Not enough master candidates (desired 3, new value will be 2), please use --auto-promote");
        promoted.Should().Contain("drained -> True").And.Contain("master_candidate -> auto-demotion due to drain");
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

    /// <summary>The lines of a table, with runs of spaces made one.</summary>
    private static string[] Rows(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))];

    private Task<string> GntAsync(params string[] command) => GntAsync(0, command);

    /// <summary>Runs a Ganeti command against the simulator; returns its output and error, checking its exit code.</summary>
    private Task<string> GntAsync(int exitCode, params string[] command)
    {
        const string Script = """mount --bind "$1" "$2" && exec ip netns exec "$3" nsenter --uts="$4" -- "${@:5}" """;
        return RunAsync(exitCode, "unshare", ["-m", "--propagation", "private", "bash", "-c", Script, "bash",
            Socket, LuxiOptions.DefaultSocketPath, RealGanetiFixture.NetworkNamespace, RealGanetiFixture.UtsNamespace, .. command]);
    }

    /// <summary>Runs a program; returns its output and error, checking its exit code.</summary>
    private static async Task<string> RunAsync(int exitCode, string program, params string[] arguments)
    {
        var command = string.Join(' ', [program, .. arguments]);
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output + await error;
        process.ExitCode.Should().Be(exitCode, $"'{command}' printed: {text}");
        return text;
    }
}
