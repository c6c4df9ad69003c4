using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Contract.Tests.Cli;

namespace Ganeti.Contract.Tests.Interop;

/// <summary>
/// Ganeti's own Python RAPI client (<c>ganeti.rapi.client</c> of python3-ganeti-rapi, run
/// unchanged by <c>rapi_client_calls.py</c>) calling every read method and a set of writes
/// that undo themselves: against the service on the simulator every call must succeed and
/// tell what the demo cluster holds; against our gateway on the real luxid it must get what
/// it gets from the real ganeti-rapi.
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed class RapiClientInteropTests(RealGanetiFixture cluster, RapiClientInteropTests.Services services) : IClassFixture<RapiClientInteropTests.Services>
{
    /// <summary>Debian's Python, which has the ganeti package (the <c>python3</c> on PATH may be another).</summary>
    private const string Python = "/usr/bin/python3";
    private const int RealRapiPort = 15080;
    private const string Masked = "<masked>";

    /// <summary>
    /// Calls the simulator refuses for now, with the opcode it does not know yet. When its
    /// executor lands the call succeeds and <see cref="OnSimulator_EveryCallSucceeds_AndTellsTheDemoCluster"/>
    /// fails: then remove the call from this list.
    /// </summary>
    private static readonly string[] JobCalls =
    [
        "GetInstanceInfo", "GetNodeStorageUnits", "AddClusterTags dry-run", "AddClusterTags", "DeleteClusterTags dry-run", "DeleteClusterTags",
        "AddInstanceTags", "DeleteInstanceTags", "AddNodeTags dry-run", "AddGroupTags dry-run", "AddNetworkTags dry-run",
        "RebootInstance dry-run", "ShutdownInstance dry-run", "StartupInstance dry-run", "CreateGroup dry-run", "EvacuateNode dry-run", "ModifyCluster", "RedistributeConfig",
        "CreateInstance dry-run", "CreateInstance", "RenameInstance", "InstancesMultiAlloc", "DeleteInstance",
        "CreateNetwork", "ConnectNetwork", "ModifyNetwork", "DisconnectNetwork", "DeleteNetwork dry-run", "DeleteNetwork",
        "ModifyInstance dry-run", "ActivateInstanceDisks", "PrepareExport", "ReplaceInstanceDisks",
        "MigrateNode", "ModifyNodeStorageUnits", "RepairNodeStorageUnits", "ModifyGroup", "AssignGroupNodes dry-run",
    ];

    /// <summary>Calls that fail by design: what was read was deleted before.</summary>
    private static readonly string[] Deleted = ["GetFilter deleted", "GetNetwork deleted"];

    [Fact]
    public async Task OnSimulator_EveryCallSucceeds_AndTellsTheDemoCluster()
    {
        var tag = RealGanetiFixture.Unique("interop");
        var calls = await RunClientAsync(services.Simulator.Port, "admin", "secret", new JsonObject
        {
            ["instance"] = "web1.example.com",
            ["down_instance"] = "batch1.example.com",
            ["node"] = "node1.example.com",
            ["storage_type"] = "file",
            ["evacuate_node"] = "node2.example.com",
            ["evacuate_mode"] = "secondary-only",
            ["group"] = "default",
            ["network"] = "net1",
            ["new_subnet"] = "10.201.7.",
            ["tag"] = tag,
            ["domain"] = "example.com",
        });

        foreach (var (name, call) in calls)
        {
            if (Deleted.Contains(name))
            {
                call["ok"]!.GetValue<bool>().Should().BeFalse($"{name}: the object was deleted");
                call["error"]!["code"]!.GetValue<int>().Should().Be(404, $"{name}: the object was deleted: {call.ToJsonString()}");
            }
            else
            {
                call["ok"]!.GetValue<bool>().Should().BeTrue($"{name}: {call["error"]?.ToJsonString()}");
                if (JobCalls.Contains(name))
                {
                    call["result"]!["status"]!.GetValue<string>().Should().Be("success", $"{name}'s job: {call["result"]!.ToJsonString()}");
                    call["result"]!["id_type"]!.GetValue<string>().Should().Be("int", name);
                }
            }
        }

        Result(calls, "GetVersion").GetValue<int>().Should().Be(2);
        Strings(calls, "GetFeatures").Should().Equal("instance-create-reqv1", "instance-reinstall-reqv1", "node-evac-res1", "node-migrate-reqv1");
        Strings(calls, "GetOperatingSystems").Should().Contain("noop");
        Result(calls, "GetInfo")["name"]!.GetValue<string>().Should().Be("cluster.example.com");
        Result(calls, "GetInfo")["master"]!.GetValue<string>().Should().Be("node1.example.com");
        Strings(calls, "GetClusterTags").Should().Equal("env:demo", "owner:ops");

        string[] instances = ["batch1.example.com", "cache1.example.com", "db1.example.com", "files1.example.com", "web1.example.com", "web2.example.com"];
        Strings(calls, "GetInstances").Should().Equal(instances);
        Strings(calls, "GetInstances bulk", "names").Should().Equal(instances);
        var web1 = Result(calls, "GetInstance");
        web1["name"]!.GetValue<string>().Should().Be("web1.example.com");
        web1["pnode"]!.GetValue<string>().Should().Be("node1.example.com");
        web1["snodes"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("node2.example.com");
        web1["disk_template"]!.GetValue<string>().Should().Be("drbd");
        web1["status"]!.GetValue<string>().Should().Be("running");
        var info = Result(calls, "GetInstanceInfo");
        info["summary"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("INSTANCE_QUERY_DATA");
        info["opresult"]![0]!["web1.example.com"]!["config_state"]!.GetValue<string>().Should().Be("up");
        Result(calls, "WaitForJobChange")["job_info"]!.ToJsonString().Should().Be("""["success",["success"]]""");
        Result(calls, "WaitForJobCompletion").GetValue<bool>().Should().BeTrue();
        Result(calls, "GetJobStatus")["status"]!.GetValue<string>().Should().Be("success");
        Strings(calls, "GetInstanceTags").Should().Equal("app:web", "tier:frontend");
        Result(calls, "GetInstanceConsole")["instance"]!.GetValue<string>().Should().Be("web1.example.com");
        Result(calls, "GetJobs")["contains"]!.GetValue<bool>().Should().BeTrue();
        Result(calls, "GetJobs bulk")["contains"]!.GetValue<bool>().Should().BeTrue();
        Result(calls, "CancelJob")[0]!.GetValue<bool>().Should().BeFalse("the job is over");
        Result(calls, "CancelJob")[1]!.GetValue<string>().Should().Be("Job <job> not found in queue");

        string[] nodes = ["node1.example.com", "node2.example.com", "node3.example.com", "node4.example.com"];
        Strings(calls, "GetNodes").Should().Equal(nodes);
        Strings(calls, "GetNodes bulk", "names").Should().Equal(nodes);
        Result(calls, "GetNode")["role"]!.GetValue<string>().Should().Be("M");
        Result(calls, "GetNodeRole").GetValue<string>().Should().Be("master");
        Strings(calls, "GetNodeTags").Should().Equal("rack:r1");

        Strings(calls, "GetGroups").Should().Equal("default", "group2");
        Strings(calls, "GetGroups bulk", "names").Should().Equal("default", "group2");
        Result(calls, "GetGroup")["node_list"]!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo(nodes[..3]);
        Strings(calls, "GetGroupTags").Should().BeEmpty();
        Strings(calls, "GetNetworks").Should().Equal("net1");
        Strings(calls, "GetNetworks bulk", "names").Should().Equal("net1");
        Result(calls, "GetNetwork")["name"]!.GetValue<string>().Should().Be("net1");
        Strings(calls, "GetNetworkTags").Should().BeEmpty();

        Result(calls, "Query instance")["data"]!.AsArray().Select(row => row![0]![1]!.GetValue<string>())
            .Should().Equal(instances.Where(i => i != "batch1.example.com"), "batch1 is the one instance that is down");
        Result(calls, "Query node")["data"]!.AsArray().Select(row => row![0]![1]!.GetValue<string>()).Should().Equal(nodes);
        Result(calls, "QueryFields instance")["fields"]!.AsArray().Select(f => f!["kind"]!.GetValue<string>()).Should().Equal("text", "text", "unknown");
        Strings(calls, "QueryFields node", "names").Should().Contain(["name", "role", "mfree", "group"]);

        Result(calls, "AddFilter").GetValue<string>().Should().Be("str", "AddFilter returns the new filter's uuid");
        Result(calls, "GetFilters")["contains"]!.GetValue<bool>().Should().BeTrue();
        Result(calls, "GetFilters bulk")["contains"]!.GetValue<bool>().Should().BeTrue();
        Result(calls, "GetFilter")["priority"]!.GetValue<int>().Should().Be(7);
        Result(calls, "ReplaceFilter").GetValue<string>().Should().Be("<filter>", "replacing keeps the uuid");
        Result(calls, "GetFilter replaced")["priority"]!.GetValue<int>().Should().Be(8);

        Result(calls, "GetClusterTags added")["contains"]!.GetValue<bool>().Should().BeTrue();
        Result(calls, "GetClusterTags deleted")["contains"]!.GetValue<bool>().Should().BeFalse();
        Result(calls, "GetInstanceTags added")["contains"]!.GetValue<bool>().Should().BeTrue();
        Result(calls, "GetInstanceTags deleted")["contains"]!.GetValue<bool>().Should().BeFalse();
        Result(calls, "RebootInstance dry-run")["summary"]![0]!.GetValue<string>().Should().Be("INSTANCE_REBOOT(web1.example.com)");
        Result(calls, "EvacuateNode dry-run")["summary"]![0]!.GetValue<string>().Should().Be("NODE_EVACUATE(node2.example.com)");
        Result(calls, "CreateInstance")["opresult"]!.ToJsonString().Should().Be("""[["node1.example.com"]]""");
        Result(calls, "RenameInstance")["opresult"]![0]!.GetValue<string>().Should().Be($"{tag}-r.example.com");
        Result(calls, "RenameInstance taken name")["opresult"]![0]![1]![1]!.GetValue<string>().Should().Be("already_exists");
        var allocated = Result(calls, "InstancesMultiAlloc")["opresult"]![0]!;
        allocated["allocatable"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal($"{tag}-m1.example.com", $"{tag}-m2.example.com");
        allocated["jobs"]!.AsArray().Select(j => j![1]!["status"]!.GetValue<string>()).Should().Equal("success", "success");
        calls.Count(c => c.Name == "DeleteInstance").Should().Be(3);
        Result(calls, "DeleteInstance unknown")["opresult"]![0]![1]![1]!.GetValue<string>().Should().Be("unknown_entity");
        Result(calls, "GetNetwork created")["external_reservations"]!.GetValue<string>().Should().Be("10.201.7.0, 10.201.7.1, 10.201.7.5, 10.201.7.6, 10.201.7.15");
        Result(calls, "GetNetwork created")["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("interop:net");
        Result(calls, "DeleteNetwork connected")["opresult"]![0]!.ToJsonString().Should().Be("""["OpPrereqError",["Network still connected","wrong_state"]]""");
        Result(calls, "GetNetwork modified")["map"]!.GetValue<string>().Should().Be("XX...X.X.......X");
        Result(calls, "GetNetwork modified")["group_list"]!.ToJsonString().Should().Be("""[["default","bridged","br-interop",""]]""");
        Result(calls, "ModifyInstance dry-run")["summary"]![0]!.GetValue<string>().Should().Be("INSTANCE_SET_PARAMS(web1.example.com)");
        Result(calls, "ActivateInstanceDisks")["opresult"]![0]!.ToJsonString().Should().Be("""[["node1.example.com","disk/0","/dev/drbd0"]]""");
        Result(calls, "PrepareExport")["opresult"]![0].Should().BeNull();
        JobError(calls, "DeactivateInstanceDisks").Should().Be("Instance 'web1.example.com' is marked to be up, cannot shutdown disks");
        JobError(calls, "RecreateInstanceDisks").Should().Be("Instance 'web1.example.com' is marked to be up, cannot recreate disks");
        JobError(calls, "ExportInstance").Should().Be("Can not remove instance without shutting it down before");
        JobError(calls, "GrowInstanceDisk").Should().Be("Invalid disk index: 0 (instace has disks 0 to -1");
        Result(calls, "ReinstallInstance")["opstatus"]!.ToJsonString().Should().Be("""["success","error"]""");
        JsonNode.DeepEquals(Result(calls, "MigrateNode")["opresult"]![0]!["jobs"], JsonNode.Parse("""[[true,"<job>"],[true,"<job>"]]""")).Should().BeTrue("node1 is the primary of web1 and db1");
        Result(calls, "PowercycleNode master")["status"]!.GetValue<string>().Should().Be("error", "node1 is the master and force was not given");
        Result(calls, "SetNodeRole master")["status"]!.GetValue<string>().Should().Be("error", "the master's role changes only by a master failover");
        Result(calls, "ModifyNode master drained")["opresult"]![0]![1]![0]!.GetValue<string>().Should().Be("The master role can be changed only via master-failover");
        Result(calls, "RenameGroup unknown")["status"]!.GetValue<string>().Should().Be("error", "no such group");
        Result(calls, "DeleteGroup dry-run")["status"]!.GetValue<string>().Should().Be("error", "the group still holds nodes");
        Result(calls, "ModifyGroup")["opresult"]!.ToJsonString().Should().Be("[[]]");
        calls.Select(c => c.Name).Should().NotContain(n => n.StartsWith("cleanup", StringComparison.Ordinal), "the run removed its own tags, filter, instances, network and group change");
    }

    [Fact]
    public async Task OnRealLuxid_GatewayGivesWhatGanetiRapiGives()
    {
        _ = cluster;
        var config = new JsonObject
        {
            ["instance"] = "inst1.ganeti.test",
            ["down_instance"] = "inst3.ganeti.test",
            ["node"] = "node1.ganeti.test",
            ["storage_type"] = "file",
            ["evacuate_node"] = "node1.ganeti.test",
            ["evacuate_mode"] = "secondary-only",
            ["group"] = "default",
            ["network"] = "net1",
            ["new_subnet"] = $"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(0, 256)}.",
            ["tag"] = RealGanetiFixture.Unique("interop"),
            ["domain"] = "ganeti.test",
        };

        var ours = await RunClientAsync(services.Gateway.Port, "admin", "adminpass", config);
        var real = await RunClientAsync(RealRapiPort, "admin", "adminpass", config);

        ours.Select(c => c.Name).Should().Equal(real.Select(c => c.Name));
        real.Where(c => !c.Call["ok"]!.GetValue<bool>()).Select(c => c.Name).Should().Equal(Deleted, "the real ganeti-rapi answers every other call");
        real.Select(c => c.Name).Should().NotContain(n => n.StartsWith("cleanup", StringComparison.Ordinal));
        WithoutThreeOneAdditions(ours);
        var differences = new List<string>();
        foreach (var ((name, mine), (_, theirs)) in ours.Zip(real))
        {
            MaskLive(name, mine);
            MaskLive(name, theirs);
            if (!JsonNode.DeepEquals(mine, theirs))
            {
                differences.Add($"{name}:\n  ours    {mine.ToJsonString()}\n  Ganeti's {theirs.ToJsonString()}");
            }
        }

        differences.Should().BeEmpty("Ganeti's client must get the same from our gateway as from the real ganeti-rapi");

        // Left as found: the tag is on nothing and no filter of the run is left.
        using var rapi = RealRapi();
        (await rapi.GetStringAsync("/2/tags")).Should().NotContain(config["tag"]!.GetValue<string>());
        (await rapi.GetStringAsync("/2/instances/inst1.ganeti.test/tags")).Should().NotContain(config["tag"]!.GetValue<string>());
        (await rapi.GetStringAsync("/2/filters?bulk=1")).Should().NotContain(config["tag"]!.GetValue<string>());
        (await rapi.GetStringAsync("/2/instances")).Should().NotContain(config["tag"]!.GetValue<string>());
        (await rapi.GetStringAsync("/2/networks")).Should().NotContain(config["tag"]!.GetValue<string>());
    }

    /// <summary>
    /// Ganeti 3.1's RAPI, which we implement, lists <c>custom_osparams</c> among the instance
    /// fields; the real cluster runs 3.0, whose RAPI does not (docs/compatibility.md).
    /// </summary>
    private static void WithoutThreeOneAdditions(List<(string Name, JsonObject Call)> ours)
    {
        var keys = ours.Single(c => c.Name == "GetInstances bulk").Call["result"]!["keys"]!.AsArray();
        keys.Select(k => k!.GetValue<string>()).Should().Contain("custom_osparams");
        keys.Remove(keys.First(k => k!.GetValue<string>() == "custom_osparams"));
        var instance = ours.Single(c => c.Name == "GetInstance").Call["result"]!.AsObject();
        instance.Remove("custom_osparams").Should().BeTrue();
    }

    /// <summary>
    /// Masks what differs between two runs against the real ganeti-rapi alone: what the
    /// previous run's own writes changed (the cluster's and the instance's mtime and serial
    /// number: cluster tags and ModifyCluster, instance tags; the group's: ModifyGroup, connecting and
    /// disconnecting the run's network), what the node measures live
    /// (free memory, memory used by the node, free disk; the free column of its storage
    /// unit), and when and after which job a filter was stored (its reason timestamps and
    /// watermark). The script itself leaves out job ids and the new filter's uuid.
    /// </summary>
    private static void MaskLive(string name, JsonObject call)
    {
        var result = call["result"];
        switch (name)
        {
            case "GetInfo":
                result!["mtime"] = Masked;
                break;
            case "GetGroup":
                result!["mtime"] = Masked;
                result["serial_no"] = Masked;
                break;
            case "GetInstance":
                result!["mtime"] = Masked;
                result["serial_no"] = Masked;
                break;
            case "GetInstanceInfo":
                foreach (var (_, instance) in result!["opresult"]![0]!.AsObject())
                {
                    instance!["mtime"] = Masked;
                    instance["serial_no"] = Masked;
                }

                break;
            case "GetNode":
                result!["mfree"] = Masked;
                result["mnode"] = Masked;
                result["dfree"] = Masked;
                break;
            case "GetNodeStorageUnits":
                foreach (var unit in result!["opresult"]![0]!.AsArray())
                {
                    unit![3] = Masked;
                }

                break;
            case "GetFilter" or "GetFilter replaced":
                result!["watermark"] = Masked;
                foreach (var entry in result["reason_trail"]!.AsArray())
                {
                    if (entry![0]!.GetValue<string>() is "gnt:client" or "luxid")
                    {
                        entry[2] = Masked;
                    }
                }

                break;
        }
    }

    private static JsonNode Result(List<(string Name, JsonObject Call)> calls, string name) =>
        calls.Single(c => c.Name == name).Call["result"] ?? throw new InvalidOperationException($"{name} has no result");

    private static string JobError(List<(string Name, JsonObject Call)> calls, string name) =>
        Result(calls, name)["opresult"]!.AsArray().Last()![1]![0]!.GetValue<string>();

    private static string[] Strings(List<(string Name, JsonObject Call)> calls, string name, string? key = null)
    {
        var result = Result(calls, name);
        return [.. (key is null ? result : result[key]!).AsArray().Select(s => s!.GetValue<string>())];
    }

    /// <summary>Runs the script with Ganeti's client against https://127.0.0.1:<paramref name="port"/>; returns its calls in order.</summary>
    private static async Task<List<(string Name, JsonObject Call)>> RunClientAsync(int port, string user, string password, JsonObject config)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "rapi_client_calls.py");
        var run = await GanetiCommands.RunForExitAsync(Python, [script, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), user, password, config.ToJsonString()], TimeSpan.FromMinutes(5));
        run.ExitCode.Should().Be(0, run.Error);
        JsonNode document;
        try
        {
            document = JsonNode.Parse(run.Output)!;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"the script printed no JSON ({ex.Message}):\n{run.Output}\n{run.Error}", ex);
        }

        return [.. document["calls"]!.AsArray().Select(c => (c!["call"]!.GetValue<string>(), c.AsObject()))];
    }

    private static HttpClient RealRapi()
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{RealRapiPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:adminpass")));
        return client;
    }

    /// <summary>The service on a fresh simulated demo cluster and as a gateway to the real luxid, each with a user allowed to write.</summary>
    public sealed class Services : IAsyncLifetime
    {
        public ServiceProcess Simulator { get; private set; } = null!;

        public ServiceProcess Gateway { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Simulator = await ServiceProcess.OnSimulatorAsync("admin secret write\n");
            Gateway = await ServiceProcess.OnRealLuxidAsync("admin adminpass write\n");
        }

        public async Task DisposeAsync()
        {
            if (Simulator is not null)
            {
                await Simulator.DisposeAsync();
            }

            if (Gateway is not null)
            {
                await Gateway.DisposeAsync();
            }
        }
    }
}
