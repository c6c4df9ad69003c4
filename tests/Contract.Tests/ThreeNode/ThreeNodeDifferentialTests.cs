using System.Text.Json.Nodes;
using Ganeti.Contract.Tests.Differential;
using Ganeti.Luxi;
using Ganeti.Simulator.Seed;
using static Ganeti.Contract.Tests.Differential.Master;

namespace Ganeti.Contract.Tests.ThreeNode;

/// <summary>
/// What only several nodes can show, asked of the real three-node cluster (up3.sh) and of the
/// simulator seeded as its copy (<c>reference3</c>); the answers must be equal once
/// normalized (<see cref="Normalizer"/>). Every scenario puts what it changed back, and after
/// each one, whatever happened, both clusters are put back as up3.sh made them.
/// </summary>
[Collection(RealThreeNodeCollection.Name)]
public sealed class ThreeNodeDifferentialTests(RealThreeNodeFixture real) : SeededSimulatorTests(ReferenceThreeNodeCluster.Name)
{
    private const string N1 = "n1.ganeti3.test";
    private const string N2 = "n2.ganeti3.test";
    private const string N3 = "n3.ganeti3.test";

    private static readonly Dictionary<string, Func<Master, Task<JsonNode?>>> Scenarios = new()
    {
        // Memory and disk figures are the host's (the fake hypervisor and file storage report
        // them), so they are the seed's only on the machine it was copied from: not compared.
        ["the seed's nodes, groups and instances"] = async m => new JsonArray(
            await m.Call(LuxiMethods.QueryNodes, new JsonArray(), Fields("name", "group", "role", "pip", "sip", "offline", "drained", "master_candidate",
                "master_capable", "vm_capable", "ctotal", "cnodes", "csockets", "pinst_list", "sinst_list", "tags"), false),
            SortNodeLists(await m.Call(LuxiMethods.QueryGroups, new JsonArray(), Fields("name", "node_cnt", "node_list", "pinst_cnt", "alloc_policy", "tags"), false)),
            await m.Call(LuxiMethods.QueryInstances, new JsonArray(), Fields("name", "pnode", "snodes", "disk_template", "admin_state", "oper_state", "status",
                "disk.sizes", "disk_usage", "nic.links", "nic.modes", "be/minmem", "be/maxmem", "be/vcpus", "os", "tags"), false),
            await m.Call(LuxiMethods.QueryConfigValues, Fields("cluster_name", "master_node", "cluster_tags"))),
        ["failover of the sharedfile instance to n2 and back"] = async m => new JsonArray(
            await m.Run(Failover("inst1.ganeti3.test", N2)),
            await Placement(m),
            await m.Run(Failover("inst1.ganeti3.test", N1)),
            await Placement(m)),
        ["failover of the file instance is refused"] = async m => new JsonArray(
            await m.Run(Failover("inst3.ganeti3.test", N2)),
            await Placement(m)),
        ["migration of the sharedfile instance to n2 and back"] = async m => new JsonArray(
            await m.Run(Migrate("inst1.ganeti3.test", N2)),
            await Placement(m),
            await m.Run(Migrate("inst1.ganeti3.test", N1)),
            await Placement(m)),
        ["migration of the stopped file instance is refused, with and without falling back to failover"] = async m => new JsonArray(
            await m.Run(Migrate("inst3.ganeti3.test", N2)),
            await m.Run(Migrate("inst3.ganeti3.test", N2, allowFailover: true)),
            await Placement(m)),
        ["failover of a diskless instance to n1 and back"] = async m => new JsonArray(
            await m.Run(Failover("inst2.ganeti3.test", N1)),
            await Placement(m),
            await m.Run(Failover("inst2.ganeti3.test", N2)),
            await Placement(m)),
        // Each job answers the role flags that changed, with their new values (Ganeti 3.0's form).
        ["n3 offline and back online"] = async m => new JsonArray(
            await WithLuLog(m, await m.Run(SetNode(N3, new() { ["offline"] = true }))),
            await Roles(m),
            await m.Call(LuxiMethods.QueryInstances, new JsonArray("inst4.ganeti3.test"), Fields("name", "status"), false),
            await WithLuLog(m, await m.Run(SetNode(N3, new() { ["offline"] = false }))),
            await Roles(m)),
        ["n2 to group2 and back; an unknown group; a group with nodes cannot be removed"] = async m => new JsonArray(
            await m.Run(AssignNodes("group2", N2)),
            SortNodeLists(await Groups(m)),
            await m.Run(AssignNodes("default", N2)),
            SortNodeLists(await Groups(m)),
            await m.Run(AssignNodes("nosuch", N2)),
            await m.Run(Op("OP_GROUP_REMOVE", new() { ["group_name"] = "group2" }))),
        // hail (the real one on both sides) places the instance; both placements are compared.
        ["instance create with hail: diskless in group default, sharedfile anywhere, diskless in the single-node group2 refused"] = async m => SortHailGroups(new JsonArray(
            await m.Run(CreateWithHail("hailtest1.ganeti3.test", "diskless", 256, "default")),
            await Placement(m),
            await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = "hailtest1.ganeti3.test" })),
            await m.Run(CreateWithHail("hailtest2.ganeti3.test", "sharedfile", 256, null)),
            await Placement(m),
            await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = "hailtest2.ganeti3.test" })),
            await m.Run(CreateWithHail("hailtest3.ganeti3.test", "diskless", 256, "group2")),
            await Placement(m))),
        ["instance create with hail that no node has the memory for is refused"] = async m => SortHailGroups(new JsonArray(
            await m.Run(CreateWithHail("hailtest4.ganeti3.test", "diskless", 1024 * 1024, null)),
            await Placement(m))),
        ["node evacuate of n2 with hail: primary-only, secondary-only, all"] = async m => new JsonArray(
            await Evacuate(m, N2, "primary-only"),
            await Placement(m),
            await Evacuate(m, N2, "secondary-only"),
            await Placement(m),
            await Evacuate(m, N2, "all"),
            await Placement(m)),
        // Without a target node the cluster's default iallocator (hail) relocates the instance.
        ["migration and failover without a target node: hail relocates inst1 and inst2 and back; the single-node group2 refused"] = async m => new JsonArray(
            await WithLuLog(m, await m.Run(Op("OP_INSTANCE_MIGRATE", new() { ["instance_name"] = "inst1.ganeti3.test" }))),
            await Placement(m),
            await WithLuLog(m, await m.Run(Op("OP_INSTANCE_MIGRATE", new() { ["instance_name"] = "inst1.ganeti3.test", ["iallocator"] = "." }))),
            await WithLuLog(m, await m.Run(Op("OP_INSTANCE_FAILOVER", new() { ["instance_name"] = "inst2.ganeti3.test", ["iallocator"] = "hail" }))),
            await Placement(m),
            await m.Run(Op("OP_INSTANCE_FAILOVER", new() { ["instance_name"] = "inst2.ganeti3.test" })),
            await WithLuLog(m, await m.Run(Op("OP_INSTANCE_FAILOVER", new() { ["instance_name"] = "inst4.ganeti3.test" }))),
            await m.Run(Op("OP_INSTANCE_MIGRATE", new() { ["instance_name"] = "inst1.ganeti3.test", ["iallocator"] = "hail", ["target_node"] = N2 })),
            await Placement(m)),
        // With the hypervisor named in each instance: without it Ganeti 3.0 refuses (KnownDifference_MultiAllocWithoutHypervisor…).
        // hail's multi-allocate checks global N+1 for the whole request, which this cluster (n3
        // alone in group2) does not pass: both masters answer hail's refusal.
        ["multi-allocation with hail: hail's answer for two small diskless instances, and with one too big"] = async m => SortHailGroups(new JsonArray(
            await WithSpawned(m, await m.Run(Op("OP_INSTANCE_MULTI_ALLOC", new()
            {
                ["iallocator"] = "hail",
                ["instances"] = new JsonArray(
                    ForMultiAlloc(CreateWithHail("hailtest5.ganeti3.test", "diskless", 128, "default")),
                    ForMultiAlloc(CreateWithHail("hailtest6.ganeti3.test", "diskless", 128, "default"))),
            }))),
            await Placement(m),
            await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = "hailtest5.ganeti3.test" })),
            await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = "hailtest6.ganeti3.test" })),
            await WithSpawned(m, await m.Run(Op("OP_INSTANCE_MULTI_ALLOC", new()
            {
                ["iallocator"] = "hail",
                ["instances"] = new JsonArray(
                    ForMultiAlloc(CreateWithHail("hailtest7.ganeti3.test", "diskless", 128, "default")),
                    ForMultiAlloc(CreateWithHail("hailtest8.ganeti3.test", "diskless", 1024 * 1024, "default"))),
            }))),
            await Placement(m))),
        // The candidate pool (size 10) wants every node that can be a candidate. Demoting one is
        // allowed while the others fill the pool as far as they can; when another node could
        // be a candidate and is not, only auto_promote allows it, and promotes that node. A node
        // that leaves the drained state promotes itself when the pool is short.
        ["master-candidate pool: demotions allowed, refused and auto-promoted; drained and back"] = async m => new JsonArray(
            await WithLuLog(m, await m.Run(SetNode(N3, new() { ["master_candidate"] = false }))),
            await Roles(m),
            await WithLuLog(m, await m.Run(SetNode(N3, new() { ["master_candidate"] = false, ["auto_promote"] = true }))),
            await m.Run(SetNode(N2, new() { ["master_candidate"] = false })),
            await m.Run(SetNode(N2, new() { ["drained"] = true })),
            await WithLuLog(m, await m.Run(SetNode(N2, new() { ["drained"] = true, ["auto_promote"] = true }))),
            await Roles(m),
            await WithLuLog(m, await m.Run(SetNode(N2, new() { ["drained"] = false }))),
            await Roles(m),
            await WithLuLog(m, await m.Run(SetNode(N3, new() { ["master_candidate"] = true })))),
        ["node role refusals: the master offline, two states at once"] = async m => new JsonArray(
            await m.Run(SetNode(N1, new() { ["offline"] = true })),
            await m.Run(SetNode(N3, new() { ["offline"] = true, ["drained"] = true })),
            await Roles(m)),
    };

    public static TheoryData<string> Names() => [.. Scenarios.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Scenario_SameAnswers(string scenario)
    {
        var simulated = Simulated();
        var reference = new Master("real", real.Client, real.Track);

        JsonNode? expected, actual;
        try
        {
            expected = new Normalizer(reference.Jobs).Normalize(await Scenarios[scenario](reference));
            actual = new Normalizer(simulated.Jobs).Normalize(await Scenarios[scenario](simulated));
        }
        finally
        {
            await PutBack(reference);
            await PutBack(simulated);
        }

        actual!.ToJsonString().Should().Be(expected!.ToJsonString(), $"the simulator must answer '{scenario}' like Ganeti");
    }

    /// <summary>
    /// A difference kept on purpose (docs/compatibility.md): Ganeti 3.0 builds a multi-allocation's
    /// iallocator request from each instance's own <c>hypervisor</c>, so an instance that does not
    /// name one (as RAPI clients send them) fails the whole job; the simulator uses the cluster's
    /// default hypervisor, as a single creation does, and asks hail (whose answer here is its
    /// global N+1 refusal, as in the scenario that names the hypervisor).
    /// </summary>
    [Fact]
    public async Task KnownDifference_MultiAllocWithoutHypervisor_IsRefusedByGaneti_AndAskedOfHailByTheSimulator()
    {
        var answers = new Dictionary<string, JsonNode?>();
        foreach (var m in new[] { new Master("real", real.Client, real.Track), Simulated() })
        {
            try
            {
                answers[m.Name] = await m.Run(Op("OP_INSTANCE_MULTI_ALLOC", new()
                {
                    ["iallocator"] = "hail",
                    ["instances"] = new JsonArray(ForMultiAlloc(CreateWithHail("hailtest9.ganeti3.test", "diskless", 128, "default"), withHypervisor: false)),
                }));
            }
            finally
            {
                await PutBack(m);
            }
        }

        answers["real"]!["opresult"]![0]!.ToJsonString().Should().Be(
            """["OpPrereqError",["Request parameter \u0027hypervisor\u0027 has invalid type \u003Cclass \u0027NoneType\u0027\u003E/value None","wrong_input"]]""");
        answers["simulator"]!["opresult"]![0]![1]![0]!.GetValue<string>().Should().StartWith("Can't compute nodes using iallocator 'hail': Request failed: ");
    }

    private Master Simulated() => Simulator.Client();


    /// <summary>Ganeti lists a group's nodes (the third field) in the order of their (random) uuids: sorted, the lists compare.</summary>
    private static JsonNode? SortNodeLists(JsonNode? groups)
    {
        foreach (var row in groups as JsonArray ?? [])
        {
            var nodes = row![2]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            row[2] = new JsonArray([.. nodes.Select(n => (JsonNode)n)]);
        }

        return groups;
    }

    private static JsonArray Fields(params string[] names) => [.. names.Select(n => (JsonNode)n)];

    private static JsonObject Failover(string instance, string target) =>
        Op("OP_INSTANCE_FAILOVER", new() { ["instance_name"] = instance, ["target_node"] = target });

    private static JsonObject Migrate(string instance, string target, bool allowFailover = false)
    {
        var op = Op("OP_INSTANCE_MIGRATE", new() { ["instance_name"] = instance, ["target_node"] = target });
        if (allowFailover)
        {
            op["allow_failover"] = true;
        }

        return op;
    }

    private static JsonObject AssignNodes(string group, params string[] nodes) =>
        Op("OP_GROUP_ASSIGN_NODES", new() { ["group_name"] = group, ["nodes"] = Fields(nodes) });

    private static Task<JsonNode?> Groups(Master m) =>
        m.Call(LuxiMethods.QueryGroups, new JsonArray(), Fields("name", "node_cnt", "node_list", "pinst_cnt"), false);

    private static JsonObject SetNode(string node, JsonObject changes)
    {
        changes["node_name"] = node;
        return Op("OP_NODE_SET_PARAMS", changes);
    }

    /// <summary>
    /// hail lists the groups that could not take an instance in the order of their (random)
    /// uuids: sorted, the refusals compare.
    /// </summary>
    private static JsonNode? SortHailGroups(JsonNode? answer) =>
        answer is null ? null : JsonNode.Parse(System.Text.RegularExpressions.Regex.Replace(
            answer.ToJsonString(),
            "Request failed: (Group [^\"]*)",
            match => "Request failed: " + string.Join(", ", match.Groups[1].Value.Split(", Group ").Select((g, i) => i == 0 ? g : "Group " + g).Order(StringComparer.Ordinal))));

    private static JsonObject CreateWithHail(string name, string template, int memory, string? group)
    {
        var op = Op("OP_INSTANCE_CREATE", new()
        {
            ["instance_name"] = name,
            ["disk_template"] = template,
            ["disks"] = template == "diskless" ? new JsonArray() : new JsonArray(new JsonObject { ["size"] = 128 }),
            ["nics"] = new JsonArray(new JsonObject()),
            ["os_type"] = "noop",
            ["mode"] = "create",
            ["iallocator"] = "hail",
            ["beparams"] = new JsonObject { ["maxmem"] = memory, ["minmem"] = memory },
            ["name_check"] = false,
            ["ip_check"] = false,
            ["start"] = false,
            ["wait_for_sync"] = false,
        });
        if (group is not null)
        {
            op["group_name"] = group;
        }

        return op;
    }

    /// <summary>Evacuates a node with hail and waits for the jobs it spawned: its answer and LU log lines, then each spawned job's.</summary>
    private static async Task<JsonNode?> Evacuate(Master m, string node, string mode) =>
        await WithSpawned(m, await WithLuLog(m, await m.Run(Op("OP_NODE_EVACUATE", new() { ["node_name"] = node, ["mode"] = mode, ["iallocator"] = "hail" }))));

    /// <summary>
    /// A finished job with the lines its logical unit logged through LogInfo and LogWarning
    /// (" - INFO: …", " - WARNING: …"), which Ganeti writes word for word; progress lines of the
    /// node daemons and hypervisor are left out.
    /// </summary>
    private static async Task<JsonNode?> WithLuLog(Master m, JsonNode? finished)
    {
        if (finished is not JsonObject job || job["id"] is not JsonValue id)
        {
            return finished;
        }

        var oplog = (await m.Call(LuxiMethods.QueryJobs, new JsonArray(id.GetValue<long>()), Fields("oplog")))![0]![0]!.AsArray();
        var lines = oplog.SelectMany(op => op!.AsArray()).Select(e => e![3]!.ToString())
            .Where(l => l.StartsWith(" - INFO: ", StringComparison.Ordinal) || l.StartsWith(" - WARNING: ", StringComparison.Ordinal));
        var copy = job.DeepClone().AsObject();
        copy["lu_log"] = new JsonArray([.. lines.Select(l => (JsonNode)l)]);
        return copy;
    }

    /// <summary>A creation opcode as one of a multi-allocation's instances: no iallocator or reason of its own, the hypervisor named.</summary>
    private static JsonObject ForMultiAlloc(JsonObject op, bool withHypervisor = true)
    {
        op.Remove("iallocator");
        op.Remove("reason");
        if (withHypervisor)
        {
            op["hypervisor"] = "fake";
        }

        return op;
    }

    /// <summary>A finished job and each job it spawned (its result's <c>jobs</c>), waited for.</summary>
    private static async Task<JsonNode?> WithSpawned(Master m, JsonNode? answer)
    {
        var spawned = new JsonArray();
        foreach (var job in (answer?["opresult"] as JsonArray)?[0] is JsonObject result && result["jobs"] is JsonArray jobs ? jobs : [])
        {
            if (job is JsonArray pair && pair[0] is JsonValue ok && ok.TryGetValue<bool>(out var submitted) && submitted)
            {
                var finished = (await m.WaitJob(job[1]!.GetValue<long>()))!.AsObject();
                finished["ops"] = (await m.Call(LuxiMethods.QueryJobs, new JsonArray(job[1]!.GetValue<long>()), Fields("ops")))![0]![0]!.DeepClone();
                spawned.Add(finished);
            }
        }

        return new JsonArray(answer?.DeepClone(), spawned);
    }

    private static Task<JsonNode?> Placement(Master m) =>
        m.Call(LuxiMethods.QueryInstances, new JsonArray(), Fields("name", "pnode", "status"), false);

    private static Task<JsonNode?> Roles(Master m) =>
        m.Call(LuxiMethods.QueryNodes, new JsonArray(), Fields("name", "role", "offline", "drained", "master_candidate"), false);

    /// <summary>Brings n2 and n3 back online as candidates, n2 back to group default, and inst1 and inst2 back to their nodes, if a scenario stopped half-way.</summary>
    private static async Task PutBack(Master m)
    {
        foreach (var node in new[] { N2, N3 })
        {
            var row = (await Roles(m))!.AsArray().Single(n => n![0]!.GetValue<string>() == node)!;
            if (row[2]!.GetValue<bool>() || row[3]!.GetValue<bool>())
            {
                await m.Run(SetNode(node, new() { ["offline"] = false, ["drained"] = false }));
            }

            if (!(await Roles(m))!.AsArray().Single(n => n![0]!.GetValue<string>() == node)![4]!.GetValue<bool>())
            {
                await m.Run(SetNode(node, new() { ["master_candidate"] = true }));
            }
        }

        var groups = (await Groups(m))!.AsArray();
        if (!groups.Single(g => g![0]!.GetValue<string>() == "default")![2]!.AsArray().Any(n => n!.GetValue<string>() == N2))
        {
            await m.Run(AssignNodes("default", N2));
        }

        foreach (var row in (await Placement(m))!.AsArray())
        {
            if (row![0]!.GetValue<string>() is var name && name.StartsWith("hailtest", StringComparison.Ordinal))
            {
                await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = name }));
            }
        }

        var placement = (await Placement(m))!.AsArray();
        foreach (var (instance, home) in new[] { ("inst1.ganeti3.test", N1), ("inst2.ganeti3.test", N2) })
        {
            if (placement.Single(i => i![0]!.GetValue<string>() == instance)![1]!.GetValue<string>() != home)
            {
                await m.Run(Failover(instance, home));
            }
        }
    }
}
