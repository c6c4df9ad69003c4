using System.Text.Json.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Tests;

/// <summary>The network opcodes on the demo cluster, with instances using addresses, checked like Ganeti's LUNetwork*.</summary>
public sealed class NetworkExecutorTests : IAsyncLifetime
{
    private readonly SimulatorFixture _sim = new(prepare: state =>
    {
        var net1 = state.Networks.Values.Single(n => n.Name == "net1");
        var web1 = state.Instances.Values.Single(i => i.Name == "web1.example.com");
        web1.Nics[0].NetworkUuid = net1.Uuid;
        web1.Nics[0].Ip = "198.51.100.20";
        var db1 = state.Instances.Values.Single(i => i.Name == "db1.example.com");
        db1.Nics[0].Ip = "10.30.0.20";
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private Task<JobOutcome> Run(string id, string json) => _sim.RunAsync(SimulatorJobs.Op(id, json));

    private async Task<JsonArray> Query(string name, params string[] fields) =>
        (await _sim.Call("QueryNetworks", new JsonArray(name), new JsonArray([.. fields.Select(f => (JsonNode?)f)]), false))![0]!.AsArray();

    [Fact]
    public async Task Disconnect_WhileAnInstanceOfTheGroupUsesTheNetwork_IsRefused()
    {
        var job = await Run("OP_NETWORK_DISCONNECT", """{"network_name": "net1", "group_name": "default"}""");

        job.Error.Should().Be("""["OpPrereqError",["Conflicting IP addresses found;  remove/modify the corresponding network interfaces","wrong_state"]]""");
        job.Log.Should().Equal(" - WARNING: IP addresses from network 'net1', which is about to disconnect from node group 'default', are in use: web1.example.com: nic0/198.51.100.20");
        (await Query("net1", "group_cnt", "inst_list")).ToJsonString().Should().Be("""[1,["web1.example.com"]]""");
    }

    [Fact]
    public async Task InstanceAddresses_AreReserved_AndCannotBecomeTheGateway()
    {
        (await Query("net1", "free_count", "reserved_count", "external_reservations")).ToJsonString()
            .Should().Be("""[252,4,"198.51.100.0, 198.51.100.1, 198.51.100.255"]""");

        var gateway = await Run("OP_NETWORK_SET_PARAMS", """{"network_name": "net1", "gateway": "198.51.100.20"}""");
        gateway.Error.Should().Be("""["OpPrereqError",["Gateway IP address '198.51.100.20' is already reserved","wrong_state"]]""");

        var reserve = await Run("OP_NETWORK_SET_PARAMS", """{"network_name": "net1", "add_reserved_ips": ["198.51.100.20"], "remove_reserved_ips": ["198.51.100.0"]}""");
        reserve.Status.Should().Be("success");
        reserve.Log.Should().BeEmpty();
        (await Query("net1", "reserved_count", "external_reservations")).ToJsonString()
            .Should().Be("""[3,"198.51.100.1, 198.51.100.20, 198.51.100.255"]""", "an address can be used by an instance and reserved outside Ganeti at once");
    }

    [Fact]
    public async Task Connect_WithInstancesHoldingAddressesOfTheNetwork_NeedsConflictsCheckOff()
    {
        (await Run("OP_NETWORK_ADD", """{"network_name": "net2", "network": "10.30.0.0/24"}""")).Status.Should().Be("success");

        var refused = await Run("OP_NETWORK_CONNECT", """{"network_name": "net2", "group_name": "default", "network_mode": "bridged", "network_link": "br1"}""");
        refused.Error.Should().Be("""["OpPrereqError",["Conflicting IP addresses found;  remove/modify the corresponding network interfaces","wrong_state"]]""");
        refused.Log.Should().Equal(" - WARNING: IP addresses from network 'net2', which is about to connect to node group 'default', are in use: db1.example.com: nic0/10.30.0.20");
        (await Query("net2", "group_list")).ToJsonString().Should().Be("[[]]");

        var otherGroup = await Run("OP_NETWORK_CONNECT", """{"network_name": "net2", "group_name": "group2", "network_mode": "openvswitch", "network_link": "ovs0"}""");
        otherGroup.Status.Should().Be("success", "no instance of group2 has an address in the network");

        var forced = await Run("OP_NETWORK_CONNECT", """{"network_name": "net2", "group_name": "default", "network_mode": "bridged", "network_link": "br1", "conflicts_check": false}""");
        forced.Status.Should().Be("success");
        var row = await Query("net2", "group_list", "group_cnt");
        row[0]!.AsArray().Select(g => g!.ToJsonString()).Should().BeEquivalentTo("""["default","bridged","br1",""]""", """["group2","openvswitch","ovs0",""]""");
        row[1]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Reservations_SurviveARestart()
    {
        (await Run("OP_NETWORK_ADD", """{"network_name": "net3", "network": "10.31.0.0/29", "gateway": "10.31.0.6", "add_reserved_ips": ["10.31.0.2"]}""")).Status.Should().Be("success");
        (await Run("OP_NETWORK_SET_PARAMS", """{"network_name": "net3", "gateway": "10.31.0.1", "remove_reserved_ips": []}""")).Status.Should().Be("success");

        await _sim.RestartAsync();

        (await Query("net3", "gateway", "map", "free_count")).ToJsonString().Should().Be("""["10.31.0.1","XXX....X",4]""");
    }

    [Fact]
    public async Task Modify_ChecksTheIPv6GatewayItFoundNotTheOneItSets()
    {
        var set = await Run("OP_NETWORK_SET_PARAMS", """{"network_name": "net1", "network6": "2001:db8:7::/64", "gateway6": "2001:db8:8::1"}""");
        set.Status.Should().Be("success", "Ganeti validates the pool it opened, which had no IPv6 network");

        var next = await Run("OP_NETWORK_SET_PARAMS", """{"network_name": "net1", "gateway": "198.51.100.1"}""");
        next.Status.Should().Be("error");
        next.Log.Should().Equal(" - WARNING: Gateway is already 198.51.100.1");
        next.Result![1]![0]!.GetValue<string>().Should().StartWith("Internal assertion error: please report this as a bug.");
        (await Query("net1", "network6", "gateway6", "serial_no")).ToJsonString().Should().Be("""["2001:db8:7::/64","2001:db8:8::1",2]""");
    }

    [Theory]
    [InlineData("""{"network_name": "bad", "network": "foo"}""", """["OpPrereqError",["Parameter 'OP_NETWORK_ADD.network' fails validation","wrong_input"]]""")]
    [InlineData("""{"network_name": "bad", "network": "10.1.2.3/28"}""", """["OpExecError",["10.1.2.3/28 has host bits set"]]""")]
    [InlineData("""{"network_name": "bad", "network": "10.1.2.0/255.255.0.255"}""", """["OpExecError",["'255.255.0.255' is not a valid netmask"]]""")]
    [InlineData("""{"network_name": "bad", "network": "10.1.2.0/28", "gateway6": "fe80::1x"}""", """["OpPrereqError",["Parameter 'OP_NETWORK_ADD.gateway6' fails validation","wrong_input"]]""")]
    public async Task Add_MalformedAddresses_FailTheJob(string json, string error)
    {
        var job = await Run("OP_NETWORK_ADD", json);

        job.Error.Should().Be(error);
        (await _sim.Call("QueryNetworks", new JsonArray(), new JsonArray("name"), false))!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task Add_Gateway6OutsideNetwork6_FailsGanetisAssertion_ButALinkLocalOneIsFine()
    {
        var outside = await Run("OP_NETWORK_ADD", """{"network_name": "v6a", "network": "10.32.0.0/28", "network6": "2001:db8:1::/64", "gateway6": "2001:db8:2::1"}""");
        outside.Status.Should().Be("error");
        outside.Result![1]![0]!.GetValue<string>().Should().StartWith("Internal assertion error: please report this as a bug.");

        var linkLocal = await Run("OP_NETWORK_ADD", """{"network_name": "v6b", "network": "10.32.0.0/28", "network6": "2001:db8:1::/64", "gateway6": "fe80::1"}""");
        linkLocal.Status.Should().Be("success");
        (await Query("v6b", "network6", "gateway6")).ToJsonString().Should().Be("""["2001:db8:1::/64","fe80::1"]""");
    }
}

/// <summary>The address pool rules of Ganeti's <c>network.AddressPool</c>.</summary>
public sealed class AddressPoolTests
{
    private static Network Net(string subnet, string? gateway = null) => new() { Name = "n", Subnet = subnet, Gateway = gateway };

    [Fact]
    public void Initialize_ReservesNetworkBroadcastAndGateway()
    {
        var network = Net("192.0.2.0/29", "192.0.2.3");

        var pool = AddressPool.Initialize(network);

        pool.Map.Should().Be("X..X...X");
        pool.FreeCount.Should().Be(5);
        network.ExtReservations.Should().Be("10010001");
        pool.ExternalReservations.Should().Equal("192.0.2.0", "192.0.2.3", "192.0.2.7");
    }

    [Theory]
    [InlineData("10.0.0.0/15", "A big network with 131072 host(s) is currently not supported. please specify at most a /16 network")]
    [InlineData("10.0.0.0/31", "A network with only 2 host(s) is too small, please specify at least a /30 network")]
    [InlineData("10.0.0.0/30", null)]
    [InlineData("10.0.0.0/16", null)]
    public void Initialize_EnforcesGanetisSizeLimits(string subnet, string? error)
    {
        var act = () => AddressPool.Initialize(Net(subnet));

        if (error is null)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<SimError>().Where(e => e.ErrorClass == "AddressPoolError" && e.Message == error);
        }
    }

    [Fact]
    public void ReserveAndRelease_RefuseWhatIsAlreadyDoneOrOutside()
    {
        var pool = AddressPool.Initialize(Net("192.0.2.0/28"));

        pool.Invoking(p => p.Reserve("192.0.2.0", external: true)).Should().Throw<SimError>().WithMessage("IP 192.0.2.0 is already externally reserved");
        pool.Invoking(p => p.Release("192.0.2.4", external: true)).Should().Throw<SimError>().WithMessage("IP 192.0.2.4 is not externally reserved");
        pool.Invoking(p => p.Reserve("192.0.3.4", external: true)).Should().Throw<SimError>().WithMessage("192.0.2.0/28 does not contain 192.0.3.4");

        pool.Reserve("192.0.2.4", external: true);
        pool.Release("192.0.2.0", external: true);
        pool.Map.Should().Be("....X..........X");
    }

    [Fact]
    public void InstanceAddresses_CountAsReserved_ButNotAsExternal()
    {
        var network = Net("192.0.2.0/29");
        AddressPool.Initialize(network);
        var instance = new Instance { Name = "i", Nics = [new Nic { NetworkUuid = network.Uuid, Ip = "192.0.2.2" }, new Nic { Ip = "192.0.2.3" }] };

        var pool = AddressPool.Open(network, [instance]);

        pool.Map.Should().Be("X.X....X");
        pool.IsReserved("192.0.2.2", external: false).Should().BeTrue();
        pool.IsReserved("192.0.2.2", external: true).Should().BeFalse();
        pool.Invoking(p => p.Reserve("192.0.2.2", external: false)).Should().Throw<SimError>().WithMessage("IP 192.0.2.2 is already used by an instance");
    }
}
