using System.Text.RegularExpressions;
using Ganeti.Contract.Tests.Differential;

namespace Ganeti.Contract.Tests.Cli;

/// <summary>
/// Ganeti's command-line tools print the same for the real cluster and for the simulator
/// seeded as its copy (<c>--seed reference</c>): the same tables, byte for byte, from the same
/// tools. Node columns the real node measures live (free disk, dom0 memory) are left out.
/// Every run first proves which master its tools reach (<see cref="SimulatorMark"/>).
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed partial class GanetiCliDifferentialTests : IAsyncLifetime
{
    private StandaloneSimulator _simulator = null!;
    private SimulatorMark _mark = null!;

    public static TheoryData<string> ReadCommands => new()
    {
        "gnt-instance list",
        "gnt-instance list -o name,os,hypervisor,pnode,snodes,disk_template,admin_state,oper_state,status,oper_ram,be/maxmem,be/vcpus,disk.count,nic.count,nic.modes,nic.links,network_port,tags",
        "gnt-instance list --no-headers --separator=| -o name,pnode.group,snodes.group,disk_usage,disk.sizes,nic.ips",
        "gnt-node list -o name,role,group,pinst_cnt,sinst_cnt,pinst_list,sinst_list,pip,sip,master_candidate,drained,offline,master_capable,vm_capable,tags",
        "gnt-group list",
        "gnt-group list -o name,node_cnt,node_list,pinst_cnt,pinst_list,alloc_policy,tags",
        "gnt-network list",
        "gnt-cluster list-tags",
        "gnt-instance list-tags inst1.ganeti.test",
        "gnt-node list-tags node1.ganeti.test",
        "gnt-debug locks",
        "gnt-cluster queue info",
        "gnt-os list",
        "gnt-os info",
    };

    public async Task InitializeAsync()
    {
        _simulator = await StandaloneSimulator.StartAsync(seed: "reference");
        _mark = await SimulatorMark.LeaveOnAsync(_simulator.Socket);
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public async Task ReadCommand_PrintsTheSame(string command)
    {
        var words = command.Split(' ');

        var real = await GanetiCommands.OnProvedRealMasterAsync(_mark, 0, words);
        var simulated = await GanetiCommands.OnMarkedSimulatorAsync(_mark, _simulator.Socket, 0, words);

        simulated.Should().Be(real);
    }

    [Theory]
    [InlineData("gnt-instance info inst1.ganeti.test")]
    [InlineData("gnt-instance info --static inst3.ganeti.test")]
    [InlineData("gnt-os diagnose")]
    public async Task InfoCommand_PrintsTheSame_ButForIdsAndHistory(string command)
    {
        var words = command.Split(' ');

        var real = await GanetiCommands.OnProvedRealMasterAsync(_mark, 0, words);
        var simulated = await GanetiCommands.OnMarkedSimulatorAsync(_mark, _simulator.Socket, 0, words);

        Masked(simulated).Should().Be(Masked(real));
        real.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task TagJobs_PrintTheSame_AndLeaveTheClusterAsItWas()
    {
        var tag = RealGanetiFixture.Unique("cli");
        async Task<string[]> Session(Func<string[], Task<string>> gnt) =>
        [
            await gnt(["gnt-cluster", "add-tags", tag]),
            await gnt(["gnt-cluster", "list-tags"]),
            await gnt(["gnt-cluster", "search-tags", tag]),
            await gnt(["gnt-cluster", "remove-tags", tag]),
            await gnt(["gnt-cluster", "list-tags"]),
        ];

        var real = await Session(command => GanetiCommands.OnProvedRealMasterAsync(_mark, 0, command));
        var simulated = await Session(command => GanetiCommands.OnMarkedSimulatorAsync(_mark, _simulator.Socket, 0, command));

        simulated.Should().Equal(real);
        real[1].Should().Contain(tag);
        real[4].Should().NotContain(tag);
    }

    /// <summary>
    /// The proof that guards every comparison above can fail: when the tools that should reach
    /// the simulator reach the real master instead (here: no bind mount, as if it had silently
    /// failed), the run is refused as "not the simulator"; and the other way round.
    /// </summary>
    [Fact]
    public async Task Proof_RefusesARunThatReachedTheOtherMaster()
    {
        var onReal = () => GanetiCommands.RunProvedAsync(_mark, socket: null, expectSimulator: true, 0, ["gnt-cluster", "list-tags"]);
        var onSimulator = () => GanetiCommands.RunProvedAsync(_mark, _simulator.Socket, expectSimulator: false, 0, ["gnt-cluster", "list-tags"]);

        (await onReal.Should().ThrowAsync<Xunit.Sdk.XunitException>()).Which.Message.Should().StartWith("not the simulator:");
        (await onSimulator.Should().ThrowAsync<Xunit.Sdk.XunitException>()).Which.Message.Should().StartWith("not the real master:");
    }

    /// <summary>Uuids, MAC addresses, the serial number and times masked: what the real cluster's history sets.</summary>
    private static string Masked(string output) => History().Replace(new Normalizer().Text(output), "$1<masked>");

    [GeneratedRegex("(Serial number: |Creation time: |Modification time: ).*")]
    private static partial Regex History();
}
