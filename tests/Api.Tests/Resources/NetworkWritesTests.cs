using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Creating, connecting, modifying, renaming and removing networks, with Ganeti's refusals.</summary>
public sealed class NetworkWritesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private static List<string> Log(JsonObject job) =>
        [.. job["oplog"]![0]!.AsArray().Select(e => e![3]!.GetValue<string>())];

    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Error(JsonObject job) => job["opresult"]![0]!.ToJsonString(Plain);

    private async Task<JsonObject> Network(string name) => (await Admin.OkAsync(HttpMethod.Get, "/2/networks/" + name))!.AsObject();

    [Fact]
    public async Task Lifecycle_AddConnectModifyDisconnectRenameRemove()
    {
        var added = await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", """
            {"name": "life1", "network": "10.20.30.0/28", "gateway": "10.20.30.1", "add_reserved_ips": ["10.20.30.5"],
             "mac_prefix": "AA:BB:0c", "network6": "2001:db8:1::/64", "gateway6": "2001:db8:1::1", "tags": ["a:b"]}
            """);
        added["status"]!.GetValue<string>().Should().Be("success", added.ToJsonString());
        added["summary"]![0]!.GetValue<string>().Should().Be("NETWORK_ADD(life1)");
        var net = await Network("life1");
        net["network"]!.GetValue<string>().Should().Be("10.20.30.0/28");
        net["gateway"]!.GetValue<string>().Should().Be("10.20.30.1");
        net["mac_prefix"]!.GetValue<string>().Should().Be("aa:bb:0c");
        net["network6"]!.GetValue<string>().Should().Be("2001:db8:1::/64");
        net["map"]!.GetValue<string>().Should().Be("XX...X.........X");
        net["free_count"]!.GetValue<int>().Should().Be(12);
        net["reserved_count"]!.GetValue<int>().Should().Be(4);
        net["external_reservations"]!.GetValue<string>().Should().Be("10.20.30.0, 10.20.30.1, 10.20.30.5, 10.20.30.15");
        net["group_list"]!.ToJsonString().Should().Be("[]");
        net["tags"]!.ToJsonString().Should().Be("""["a:b"]""");

        var connected = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/life1/connect", """{"group_name": "group2", "network_mode": "routed", "network_link": "rt9", "network_vlan": "100"}""");
        connected["status"]!.GetValue<string>().Should().Be("success", connected.ToJsonString());
        (await Network("life1"))["group_list"]!.ToJsonString().Should().Be("""[["group2","routed","rt9","100"]]""");

        var again = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/life1/connect", """{"group_name": "group2", "network_mode": "bridged", "network_link": "br0"}""");
        again["status"]!.GetValue<string>().Should().Be("success");
        Log(again).Should().Equal(" - WARNING: Network 'life1' is already mapped to group 'group2'");
        (await Network("life1"))["group_list"]!.ToJsonString().Should().Be("""[["group2","routed","rt9","100"]]""", "a second connect changes nothing");

        var refused = await Admin.RunJobAsync(HttpMethod.Delete, "/2/networks/life1", """{"force": true}""");
        refused["ops"]![0]!["force"]!.GetValue<bool>().Should().BeTrue("the body is the opcode's, though Ganeti reads no force");
        Error(refused).Should().Be("""["OpPrereqError",["Network still connected","wrong_state"]]""");
        Log(refused).Should().Equal(" - WARNING: Network 'life1' is connected to the following node groups: group2");

        (await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/life1/disconnect", """{"group_name": "group2"}"""))["status"]!.GetValue<string>().Should().Be("success");
        (await Network("life1"))["group_list"]!.ToJsonString().Should().Be("[]");
        var twice = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/life1/disconnect", """{"group_name": "group2"}""");
        twice["status"]!.GetValue<string>().Should().Be("success");
        Log(twice).Should().Equal(" - WARNING: Network 'life1' is not mapped to group 'group2'");

        var reserved = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/life1/modify", """
            {"add_reserved_ips": ["10.20.30.5", "10.20.30.6"], "remove_reserved_ips": ["10.20.30.9", "10.20.30.1", "10.20.30.5"]}
            """);
        reserved["status"]!.GetValue<string>().Should().Be("success", reserved.ToJsonString());
        Log(reserved).Should().Equal(
            " - WARNING: Cannot reserve IP address 10.20.30.5: IP 10.20.30.5 is already externally reserved",
            " - WARNING: Cannot release IP address 10.20.30.9: IP 10.20.30.9 is not externally reserved",
            " - WARNING: Cannot unreserve Gateway's IP");
        (await Network("life1"))["external_reservations"]!.GetValue<string>().Should().Be("10.20.30.0, 10.20.30.1, 10.20.30.6, 10.20.30.15");

        var gateway = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/life1/modify", """{"gateway": "10.20.30.2", "mac_prefix": "none"}""");
        gateway["status"]!.GetValue<string>().Should().Be("success", gateway.ToJsonString());
        net = await Network("life1");
        net["gateway"]!.GetValue<string>().Should().Be("10.20.30.2");
        net["mac_prefix"].Should().BeNull();
        net["map"]!.GetValue<string>().Should().Be("X.X...X........X");

        var renamed = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/life1/rename", """{"new_name": "life2"}""");
        renamed["opresult"]![0]!.GetValue<string>().Should().Be("life2");
        (await Admin.GetAsync("/2/networks/life1")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Network("life2"))["uuid"]!.GetValue<string>().Should().Be(net["uuid"]!.GetValue<string>());

        (await Admin.RunJobAsync(HttpMethod.Delete, "/2/networks/life2"))["status"]!.GetValue<string>().Should().Be("success");
        (await Admin.GetAsync("/2/networks/life2")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Add_ShowsInBulkListsAndQuery_AndDryRunCreatesNothing()
    {
        var dry = await Admin.RunJobAsync(HttpMethod.Post, "/2/networks?dry-run=1", """{"name": "dry1", "network": "10.20.31.0/28"}""");
        dry["ops"]![0]!["dry_run"]!.GetValue<bool>().Should().BeTrue();
        (await Admin.GetAsync("/2/networks/dry1")).Status.Should().Be(HttpStatusCode.NotFound);

        (await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", """{"name": "listed1", "network": "10.20.32.0/29", "add_reserved_ips": ["10.20.32.3"]}"""))["status"]!
            .GetValue<string>().Should().Be("success");
        try
        {
            var bulk = (await Admin.OkAsync(HttpMethod.Get, "/2/networks?bulk=1"))!.AsArray().Single(n => n!["name"]!.GetValue<string>() == "listed1")!;
            bulk["map"]!.GetValue<string>().Should().Be("X..X...X");
            bulk["free_count"]!.GetValue<int>().Should().Be(5);

            var query = await Admin.OkAsync(HttpMethod.Get, "/2/query/network?fields=name,reserved_count,external_reservations,gateway");
            var row = query!["data"]!.AsArray().Single(r => r![0]![1]!.GetValue<string>() == "listed1")!;
            row.ToJsonString().Should().Be("""[[0,"listed1"],[0,3],[0,"10.20.32.0, 10.20.32.3, 10.20.32.7"],[3,null]]""");
        }
        finally
        {
            await Admin.RunJobAsync(HttpMethod.Delete, "/2/networks/listed1");
        }
    }

    [Fact]
    public async Task Add_ReservesTheNodesAndMasterAddresses_UnlessConflictsCheckIsOff()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", """{"name": "nodes1", "network": "192.0.2.0/28"}""");
        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        Log(job)[^1].Should().Be(" - INFO: Reserved cluster master IP address (192.0.2.10)");
        Log(job).Should().BeEquivalentTo(
            " - INFO: Reserved IP address of node 'node1.example.com' (192.0.2.11)",
            " - WARNING: Cannot reserve IP address '192.0.2.11' of node 'node1.example.com': IP 192.0.2.11 is already externally reserved",
            " - INFO: Reserved IP address of node 'node2.example.com' (192.0.2.12)",
            " - WARNING: Cannot reserve IP address '192.0.2.12' of node 'node2.example.com': IP 192.0.2.12 is already externally reserved",
            " - INFO: Reserved IP address of node 'node3.example.com' (192.0.2.13)",
            " - WARNING: Cannot reserve IP address '192.0.2.13' of node 'node3.example.com': IP 192.0.2.13 is already externally reserved",
            " - INFO: Reserved IP address of node 'node4.example.com' (192.0.2.14)",
            " - WARNING: Cannot reserve IP address '192.0.2.14' of node 'node4.example.com': IP 192.0.2.14 is already externally reserved",
            " - INFO: Reserved cluster master IP address (192.0.2.10)");
        (await Network("nodes1"))["map"]!.GetValue<string>().Should().Be("X.........XXXXXX");

        var unchecked1 = await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", """{"name": "nodes2", "network": "192.0.2.0/28", "conflicts_check": false}""");
        Log(unchecked1).Should().BeEmpty();
        (await Network("nodes2"))["map"]!.GetValue<string>().Should().Be("X..............X");

        await Admin.RunJobAsync(HttpMethod.Delete, "/2/networks/nodes1");
        await Admin.RunJobAsync(HttpMethod.Delete, "/2/networks/nodes2");
    }

    [Theory]
    [InlineData("""{"name": "bad1", "network": "10.0.0.0/8"}""", """["OpExecError",["Cannot create IP address pool for network 'bad1': A big network with 16777216 host(s) is currently not supported. please specify at most a /16 network"]]""")]
    [InlineData("""{"name": "bad1", "network": "10.0.0.0/31"}""", """["OpExecError",["Cannot create IP address pool for network 'bad1': A network with only 2 host(s) is too small, please specify at least a /30 network"]]""")]
    [InlineData("""{"name": "bad1", "network": "10.77.1.0/28", "gateway": "10.77.2.1"}""", """["OpExecError",["Cannot create IP address pool for network 'bad1': 10.77.1.0/28 does not contain 10.77.2.1"]]""")]
    [InlineData("""{"name": "bad1", "network": "10.77.1.0/28", "gateway": "10.77.1.0"}""", """["OpExecError",["Cannot create IP address pool for network 'bad1': IP 10.77.1.0 is already externally reserved"]]""")]
    [InlineData("""{"name": "bad1", "network": "10.77.1.0/28", "add_reserved_ips": ["10.77.9.9"]}""", """["OpExecError",["Cannot reserve IP address '10.77.9.9': 10.77.1.0/28 does not contain 10.77.9.9"]]""")]
    [InlineData("""{"name": "bad1", "network": "10.77.1.0/28", "mac_prefix": "zz:00"}""", """["OpPrereqError",["Invalid MAC address prefix 'zz:00'","wrong_input"]]""")]
    [InlineData("""{"name": "bad1", "network": "10.77.1.0/28", "tags": ["bad tag"]}""", """["TagError",["Tag contains invalid characters"]]""")]
    [InlineData("""{"name": "net1", "network": "10.77.1.0/28"}""", """["OpPrereqError",["Desired network name 'net1' already exists as a network (UUID: {net1})","already_exists"]]""")]
    public async Task Add_Refused_JobFailsWithGanetisError(string body, string error)
    {
        var net1 = (await Network("net1"))["uuid"]!.GetValue<string>();

        var job = await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", body);

        job["status"]!.GetValue<string>().Should().Be("error");
        Error(job).Should().Be(error.Replace("{net1}", net1, StringComparison.Ordinal));
        (await Admin.GetAsync("/2/networks/bad1")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name": "bad2", "network": "foo"}""", "network")]
    [InlineData("""{"name": "bad2", "network": "10.1.2.3/28"}""", "network")]
    [InlineData("""{"name": "bad2"}""", "network")]
    [InlineData("""{"name": "bad2", "network": "10.1.2.0/28", "gateway": "none"}""", "gateway")]
    [InlineData("""{"name": "bad2", "network": "10.1.2.0/28", "network6": "2001:db8::1/64"}""", "network6")]
    [InlineData("""{"name": "bad2", "network": "10.1.2.0/28", "add_reserved_ips": ["10.1.2.300"]}""", "add_reserved_ips")]
    public async Task Add_BadAddress_Is400(string body, string parameter)
    {
        var answer = await Admin.PostAsync("/2/networks", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be($"Invalid body parameters: (\"Parameter 'OP_NETWORK_ADD.{parameter}' fails validation\", 'wrong_input')");
    }

    [Fact]
    public async Task Connect_RequiresModeAndLink_AndAKnownGroup()
    {
        var missing = await Admin.PutAsync("/2/networks/net1/connect", """{"group_name": "group2", "network_link": "br0"}""");
        missing.Status.Should().Be(HttpStatusCode.BadRequest);
        missing.Message.Should().Be("Invalid body parameters: (\"Parameter 'OP_NETWORK_CONNECT.network_mode' fails validation\", 'wrong_input')");

        var mode = await Admin.PutAsync("/2/networks/net1/connect", """{"group_name": "group2", "network_mode": "weird", "network_link": "br0"}""");
        mode.Status.Should().Be(HttpStatusCode.BadRequest);

        var group = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/net1/connect", """{"group_name": "nosuch", "network_mode": "bridged", "network_link": "br0"}""");
        Error(group).Should().Be("""["OpPrereqError",["Node group 'nosuch' not found","unknown_entity"]]""");

        var network = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/nosuch/disconnect", """{"group_name": "default"}""");
        Error(network).Should().Be("""["OpPrereqError",["Network 'nosuch' not found","unknown_entity"]]""");
    }

    [Fact]
    public async Task Modify_Refusals()
    {
        var both = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/net1/modify", """{"gateway": "198.51.100.2", "add_reserved_ips": ["198.51.100.7"]}""");
        Error(both).Should().Be("""["OpPrereqError",["Cannot modify gateway and reserved ips at once","wrong_input"]]""");

        var outside = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/net1/modify", """{"gateway": "10.9.9.9"}""");
        Error(outside).Should().Be("""["AddressPoolError",["198.51.100.0/24 does not contain 10.9.9.9"]]""");

        var broadcast = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/net1/modify", """{"gateway": "198.51.100.255"}""");
        Error(broadcast).Should().Be("""["AddressPoolError",["IP 198.51.100.255 is already externally reserved"]]""");

        var mac = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/net1/modify", """{"mac_prefix": "aa:bb"}""");
        Error(mac).Should().Be("""["OpPrereqError",["Invalid MAC address prefix 'aa:bb'","wrong_input"]]""");

        var same = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/net1/modify", """{"gateway": "198.51.100.1"}""");
        same["status"]!.GetValue<string>().Should().Be("success");
        Log(same).Should().Equal(" - WARNING: Gateway is already 198.51.100.1");

        var net = await Network("net1");
        net["gateway"]!.GetValue<string>().Should().Be("198.51.100.1");
        net["external_reservations"]!.GetValue<string>().Should().Be("198.51.100.0, 198.51.100.1, 198.51.100.255");

        var bad = await Admin.PutAsync("/2/networks/net1/modify", """{"remove_reserved_ips": ["198.51.100"]}""");
        bad.Status.Should().Be(HttpStatusCode.BadRequest);
        bad.Message.Should().Be("Invalid body parameters: (\"Parameter 'OP_NETWORK_SET_PARAMS.remove_reserved_ips' fails validation\", 'wrong_input')");
    }

    [Fact]
    public async Task Rename_ToATakenName_IsRefused()
    {
        (await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", """{"name": "ren1", "network": "10.20.33.0/29"}"""))["status"]!.GetValue<string>().Should().Be("success");
        var net1 = (await Network("net1"))["uuid"]!.GetValue<string>();

        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/ren1/rename", """{"new_name": "net1"}""");

        Error(job).Should().Be($"""["OpPrereqError",["Desired new name 'net1' clashes with existing network (UUID: {net1})","already_exists"]]""");
        (await Network("ren1"))["network"]!.GetValue<string>().Should().Be("10.20.33.0/29");
        (await Admin.RunJobAsync(HttpMethod.Delete, "/2/networks/ren1"))["status"]!.GetValue<string>().Should().Be("success");
    }

    [Fact]
    public async Task Remove_UnknownNetwork_AndDryRun()
    {
        var unknown = await Admin.RunJobAsync(HttpMethod.Delete, "/2/networks/nosuch");
        Error(unknown).Should().Be("""["OpPrereqError",["Network 'nosuch' not found","unknown_entity"]]""");

        var dry = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/net1/disconnect?dry-run=1", """{"group_name": "default"}""");
        dry["status"]!.GetValue<string>().Should().Be("success");
        (await Network("net1"))["group_list"]!.ToJsonString().Should().Be("""[["default","bridged","gntbr0",""]]""");
    }
}
