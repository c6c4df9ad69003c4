using System.Text.Json.Nodes;
using Ganeti.Contract.Tests.Differential;
using Ganeti.Luxi;

namespace Ganeti.Contract.Tests.ThreeNode;

/// <summary>
/// The three-node real cluster as up3.sh makes it, asked through our LUXI client; tests that
/// change it put it back as it was.
/// </summary>
[Collection(RealThreeNodeCollection.Name)]
public sealed class ThreeNodeClusterTests(RealThreeNodeFixture real)
{
    private Master Luxid => new("real three-node", real.Client, real.Track);

    [Fact]
    public async Task Cluster_HasThreeNodesInTwoGroups_AndFourInstances()
    {
        var nodes = await Luxid.Call(LuxiMethods.QueryNodes, new JsonArray(), new JsonArray("name", "group", "master", "pip"), false);
        nodes!.ToJsonString().Should().Be(
            """[["n1.ganeti3.test","default",true,"198.51.100.31"],["n2.ganeti3.test","default",false,"198.51.100.32"],["n3.ganeti3.test","group2",false,"198.51.100.33"]]""");

        var groups = await Luxid.Call(LuxiMethods.QueryGroups, new JsonArray(), new JsonArray("name", "node_cnt"), false);
        groups!.ToJsonString().Should().Be("""[["default",2],["group2",1]]""");

        var instances = await Luxid.Call(LuxiMethods.QueryInstances, new JsonArray(), new JsonArray("name", "pnode", "disk_template", "status"), false);
        instances!.ToJsonString().Should().Be(
            """[["inst1.ganeti3.test","n1.ganeti3.test","sharedfile","running"],["inst2.ganeti3.test","n2.ganeti3.test","diskless","running"],"""
            + """["inst3.ganeti3.test","n1.ganeti3.test","file","ADMIN_down"],["inst4.ganeti3.test","n3.ganeti3.test","diskless","running"]]""");

        var cluster = await Luxid.Call(LuxiMethods.QueryConfigValues, new JsonArray("cluster_name", "master_node"));
        cluster!.ToJsonString().Should().Be("""["cluster3.ganeti.test","n1.ganeti3.test"]""");
    }

    [Fact]
    public async Task Failover_OfTheSharedFileInstance_MovesItToN2_AndBack()
    {
        const string instance = "inst1.ganeti3.test";
        var luxid = Luxid;
        try
        {
            var job = await luxid.Run(Failover(instance, "n2.ganeti3.test"));
            job!["status"]!.GetValue<string>().Should().Be("success", $"the failover job should succeed: {job.ToJsonString()}");
            (await Placement(luxid, instance)).Should().Be("""[["n2.ganeti3.test","running"]]""");
        }
        finally
        {
            if (await Placement(luxid, instance) != """[["n1.ganeti3.test","running"]]""")
            {
                var back = await luxid.Run(Failover(instance, "n1.ganeti3.test"));
                back!["status"]!.GetValue<string>().Should().Be("success", $"the failover back to n1 should succeed: {back.ToJsonString()}");
            }
        }

        (await Placement(luxid, instance)).Should().Be("""[["n1.ganeti3.test","running"]]""");
    }

    [Fact]
    public async Task Failover_OfTheFileInstance_IsRefused_AndItStaysOnN1()
    {
        var job = await Luxid.Run(Failover("inst3.ganeti3.test", "n2.ganeti3.test"));

        job!["status"]!.GetValue<string>().Should().Be("error");
        var error = job["opresult"]![0]!;
        error[0]!.GetValue<string>().Should().Be("OpPrereqError");
        error[1]![0]!.GetValue<string>().Should().Be("Instance's disk layout 'file' does not allow failovers");
        error[1]![1]!.GetValue<string>().Should().Be("wrong_state");
        (await Placement(Luxid, "inst3.ganeti3.test")).Should().Be("""[["n1.ganeti3.test","ADMIN_down"]]""");
    }

    private static JsonObject Failover(string instance, string target) =>
        Master.Op("OP_INSTANCE_FAILOVER", new() { ["instance_name"] = instance, ["target_node"] = target });

    private static async Task<string> Placement(Master luxid, string instance) =>
        (await luxid.Call(LuxiMethods.QueryInstances, new JsonArray(instance), new JsonArray("pnode", "status"), false))!.ToJsonString();
}
