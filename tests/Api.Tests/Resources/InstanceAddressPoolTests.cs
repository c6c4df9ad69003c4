using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Instance NICs on a network: <c>ip=pool</c> takes the network's next free address, removal gives it back.</summary>
public sealed class InstanceAddressPoolTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private static string Create(string name, string nics) =>
        $$"""{"__version__": 1, "name": "{{name}}", "os": "noop", "mode": "create", "disk_template": "diskless", "disks": [], "nics": {{nics}}, "pnode": "node3.example.com", "start": false, "no_install": true}""";

    private async Task<JsonNode> Network(string name) => (await Admin.OkAsync(HttpMethod.Get, $"/2/networks/{name}"))!;

    [Fact]
    public async Task IpPool_TakesTheNextFreeAddress_InheritsTheConnection_AndRemovalFreesIt()
    {
        (await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", """{"network_name": "pool1", "network": "10.77.0.0/29", "gateway": "10.77.0.1"}"""))["status"]!.GetValue<string>().Should().Be("success");
        foreach (var group in new[] { "default", "group2" })
        {
            var connected = await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/pool1/connect", $$"""{"group_name": "{{group}}", "network_mode": "routed", "network_link": "rt77"}""");
            connected["status"]!.GetValue<string>().Should().Be("success", connected.ToJsonString());
        }

        var first = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create("pooled1.example.com", """[{"network": "pool1", "ip": "pool"}]"""));
        first["status"]!.GetValue<string>().Should().Be("success", first.ToJsonString());
        first["oplog"]![0]!.AsArray().Select(l => l![3]!.GetValue<string>()).Should().Contain(" - INFO: Chose IP 10.77.0.2 from network pool1");
        var second = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create("pooled2.example.com", """[{"network": "pool1", "ip": "pool"}, {"network": "pool1", "ip": "pool"}]"""));
        second["status"]!.GetValue<string>().Should().Be("success", second.ToJsonString());

        var read = (await Admin.OkAsync(HttpMethod.Get, "/2/instances/pooled2.example.com"))!;
        read["nic.ips"]!.ToJsonString().Should().Be("""["10.77.0.3","10.77.0.4"]""");
        read["nic.modes"]!.ToJsonString().Should().Be("""["routed","routed"]""");
        read["nic.links"]!.ToJsonString().Should().Be("""["rt77","rt77"]""");
        read["nic.networks.names"]!.ToJsonString().Should().Be("""["pool1","pool1"]""");
        var network = await Network("pool1");
        network["free_count"]!.GetValue<int>().Should().Be(2);
        network["map"]!.GetValue<string>().Should().Be("XXXXX..X");
        network["inst_list"]!.AsArray().Select(i => i!.GetValue<string>()).Should().BeEquivalentTo("pooled1.example.com", "pooled2.example.com");

        // A given address already used by an instance, and a full pool.
        var taken = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create("pooled3.example.com", """[{"network": "pool1", "ip": "10.77.0.3"}]"""));
        taken["opresult"]![0]!.ToJsonString().Should().Be("""["OpPrereqError",["IP address 10.77.0.3 already in use or does not belong to network pool1","resource_not_unique"]]""");
        var full = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create("pooled3.example.com", """[{"network": "pool1", "ip": "pool"}, {"network": "pool1", "ip": "pool"}, {"network": "pool1", "ip": "pool"}]"""));
        full["opresult"]![0]!.ToJsonString().Should().Be("""["OpPrereqError",["Unable to get a free IP for NIC 2 from the address pool","wrong_state"]]""");

        (await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/pooled2.example.com"))["status"]!.GetValue<string>().Should().Be("success");
        (await Network("pool1"))["map"]!.GetValue<string>().Should().Be("XXX....X");
        (await Admin.RunJobAsync(HttpMethod.Delete, "/2/instances/pooled1.example.com"))["status"]!.GetValue<string>().Should().Be("success");
        (await Network("pool1"))["free_count"]!.GetValue<int>().Should().Be(5);
    }

    [Fact]
    public async Task NetworkNotConnectedToThePrimarysGroup_IsRefused()
    {
        (await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", """{"network_name": "lonely", "network": "10.78.0.0/28"}"""))["status"]!.GetValue<string>().Should().Be("success");

        var refused = await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create("lonely1.example.com", """[{"network": "lonely", "ip": "pool"}]"""));

        var error = refused["opresult"]![0]!;
        error[0]!.GetValue<string>().Should().Be("OpPrereqError");
        error[1]![0]!.GetValue<string>().Should().Be("No netparams found for network lonely. Probably not connected to node's node3.example.com nodegroup");
        error[1]![1]!.GetValue<string>().Should().Be("wrong_input");
        (await Admin.GetAsync("/2/instances/lonely1.example.com")).Status.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Modify_AddsANicFromThePool_AndMovesOneToAFreeAddress()
    {
        (await Admin.RunJobAsync(HttpMethod.Post, "/2/networks", """{"network_name": "pool2", "network": "10.79.0.0/29"}"""))["status"]!.GetValue<string>().Should().Be("success");
        (await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/pool2/connect", """{"group_name": "default", "network_mode": "bridged", "network_link": "br79"}"""))["status"]!.GetValue<string>().Should().Be("success");
        (await Admin.RunJobAsync(HttpMethod.Put, "/2/networks/pool2/connect", """{"group_name": "group2", "network_mode": "bridged", "network_link": "br79"}"""))["status"]!.GetValue<string>().Should().Be("success");
        (await Admin.RunJobAsync(HttpMethod.Post, "/2/instances", Create("pooledm.example.com", "[{}]")))["status"]!.GetValue<string>().Should().Be("success");

        var added = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/pooledm.example.com/modify", """{"nics": [["add", -1, {"network": "pool2", "ip": "pool"}]]}""");
        added["status"]!.GetValue<string>().Should().Be("success", added.ToJsonString());
        (await Admin.OkAsync(HttpMethod.Get, "/2/instances/pooledm.example.com"))!["nic.ips"]!.ToJsonString().Should().Be("""[null,"10.79.0.1"]""");

        var moved = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/pooledm.example.com/modify", """{"nics": [["modify", 1, {"ip": "10.79.0.5"}]]}""");
        moved["status"]!.GetValue<string>().Should().Be("success", moved.ToJsonString());
        (await Network("pool2"))["map"]!.GetValue<string>().Should().Be("X....X.X");
        var outside = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/pooledm.example.com/modify", """{"nics": [["modify", 1, {"ip": "10.80.0.5"}]]}""");
        outside["opresult"]![0]![1]![0]!.GetValue<string>().Should().Be("IP address 10.80.0.5 already in use or does not belong to network pool2");
    }
}
