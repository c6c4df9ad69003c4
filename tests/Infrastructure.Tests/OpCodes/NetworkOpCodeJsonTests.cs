using Ganeti.Domain.Networks;
using Ganeti.Domain.OpCodes;
using static Ganeti.Infrastructure.Tests.OpCodes.OpJson;

namespace Ganeti.Infrastructure.Tests.OpCodes;

public class NetworkOpCodeJsonTests
{
    [Fact]
    public void OpNetworkAdd_GoldenJson() =>
        Of(new OpNetworkAdd("net1", "203.0.113.0/24")
        {
            Gateway = "203.0.113.1",
            Network6 = "2001:db8::/64",
            Gateway6 = "2001:db8::1",
            MacPrefix = "aa:00:00",
            AddReservedIps = ["203.0.113.5"],
            ConflictsCheck = true,
            Tags = [],
            Reason = Rapi("networks"),
        }).Should().Be(
            """{"OP_ID":"OP_NETWORK_ADD","network_name":"net1","network":"203.0.113.0/24","gateway":"203.0.113.1","network6":"2001:db8::/64","gateway6":"2001:db8::1","mac_prefix":"aa:00:00","add_reserved_ips":["203.0.113.5"],"conflicts_check":true,"tags":[],"reason":[["gnt:library:rlib2:networks","",1795739706941314304]]}""");

    [Fact]
    public void OpNetworkRemove_GoldenJson() =>
        Of(new OpNetworkRemove("net1") { Force = false, DryRun = true, Reason = Rapi("networks_name") })
            .Should().Be("""{"OP_ID":"OP_NETWORK_REMOVE","network_name":"net1","force":false,"dry_run":true,"reason":[["gnt:library:rlib2:networks_name","",1795739706941314304]]}""");

    [Fact]
    public void OpNetworkRename_GoldenJson() =>
        Of(new OpNetworkRename("net1", "backend")).Should().Be("""{"OP_ID":"OP_NETWORK_RENAME","network_name":"net1","new_name":"backend"}""");

    [Fact]
    public void OpNetworkSetParams_GoldenJson() =>
        Of(new OpNetworkSetParams("net1") { Gateway = "203.0.113.254", AddReservedIps = ["203.0.113.10", "203.0.113.11"], RemoveReservedIps = ["203.0.113.5"], Reason = Rapi("networks_name_modify") })
            .Should().Be("""{"OP_ID":"OP_NETWORK_SET_PARAMS","network_name":"net1","gateway":"203.0.113.254","add_reserved_ips":["203.0.113.10","203.0.113.11"],"remove_reserved_ips":["203.0.113.5"],"reason":[["gnt:library:rlib2:networks_name_modify","",1795739706941314304]]}""");

    [Fact]
    public void OpNetworkConnect_AsRecorded_GoldenJson() =>
        Of(new OpNetworkConnect("default", "net1", NicMode.Bridged, "gntbr0") { NetworkVlan = "", ConflictsCheck = true, Reason = Rapi("networks_name_connect") })
            .Should().Be("""{"OP_ID":"OP_NETWORK_CONNECT","group_name":"default","network_name":"net1","network_mode":"bridged","network_link":"gntbr0","network_vlan":"","conflicts_check":true,"reason":[["gnt:library:rlib2:networks_name_connect","",1795739706941314304]]}""");

    [Fact]
    public void OpNetworkConnect_OpenVSwitchWithVlan_GoldenJson() =>
        Of(new OpNetworkConnect("group2", "net1", NicMode.OpenVSwitch, "ovs0") { NetworkVlan = ".100" })
            .Should().Be("""{"OP_ID":"OP_NETWORK_CONNECT","group_name":"group2","network_name":"net1","network_mode":"openvswitch","network_link":"ovs0","network_vlan":".100"}""");

    [Fact]
    public void OpNetworkDisconnect_GoldenJson() =>
        Of(new OpNetworkDisconnect("default", "net1") { Reason = Rapi("networks_name_disconnect") })
            .Should().Be("""{"OP_ID":"OP_NETWORK_DISCONNECT","group_name":"default","network_name":"net1","reason":[["gnt:library:rlib2:networks_name_disconnect","",1795739706941314304]]}""");
}
