using System.Text.Json.Nodes;
using Ganeti.Simulator.Jobs;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>The simulator's field definitions against the ones a real Ganeti 3.0 reports.</summary>
public class FieldDefinitionTests
{
    private static readonly ClusterState State = DemoCluster.Create(DateTimeOffset.UnixEpoch);

    public static TheoryData<string, string> Resources => new()
    {
        { "instance", "068-2-query-instance-fields.txt" },
        { "node", "069-2-query-node-fields.txt" },
        { "group", "070-2-query-group-fields.txt" },
        { "network", "071-2-query-network-fields.txt" },
        { "job", "072-2-query-job-fields.txt" },
        { "filter", "073-2-query-filter-fields.txt" },
        { "lock", "074-2-query-lock-fields.txt" },
        { "export", "075-2-query-export-fields.txt" },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void EveryRealField_IsImplemented_WithTheRealTitleKindAndDoc(string resource, string fixture)
    {
        var real = Fixtures.FieldDefinitions(fixture);

        var ours = Definitions(resource);

        ours.Select(d => d["name"]!.GetValue<string>()).Should().BeEquivalentTo(real.Select(d => d["name"]!.GetValue<string>()));
        foreach (var definition in real)
        {
            var name = definition["name"]!.GetValue<string>();
            JsonNode.DeepEquals(ours.Single(d => d["name"]!.GetValue<string>() == name), definition)
                .Should().BeTrue($"{resource} field {name} should be {definition.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void AllFields_AreNicelySortedByName_LikeTheRealList(string resource, string fixture)
    {
        var real = Fixtures.FieldDefinitions(fixture).Select(d => d["name"]!.GetValue<string>());

        Definitions(resource).Select(d => d["name"]!.GetValue<string>()).Should().Equal(real);
    }

    [Fact]
    public void ClusterAndOsFields_HavePythonsDefinitions()
    {
        var cluster = QueryRunner.Fields(ClusterFields.Create(State), ["cluster_name", "name", "master_node", "watcher_pause", "ctime"])["fields"]!.ToJsonString();
        var os = QueryRunner.Fields(OsFields.Create(State), ["name", "valid", "variants", "api_versions", "parameters"])["fields"]!.ToJsonString();

        cluster.Should().Be("""
            [{"name":"cluster_name","title":"Name","kind":"text","doc":"Cluster name"},{"name":"name","title":"Name","kind":"text","doc":"Cluster name"},{"name":"master_node","title":"Master","kind":"text","doc":"Master node name"},{"name":"watcher_pause","title":"WatcherPause","kind":"timestamp","doc":"Until when watcher is paused"},{"name":"ctime","title":"CTime","kind":"timestamp","doc":"Creation timestamp"}]
            """);
        os.Should().Be("""
            [{"name":"name","title":"Name","kind":"text","doc":"Operating system name"},{"name":"valid","title":"Valid","kind":"bool","doc":"Whether operating system definition is valid"},{"name":"variants","title":"Variants","kind":"other","doc":"Operating system variants"},{"name":"api_versions","title":"ApiVersions","kind":"other","doc":"Operating system API versions"},{"name":"parameters","title":"Parameters","kind":"other","doc":"Operating system parameters"}]
            """);
    }

    public static TheoryData<string, string[]> UsedFields => new()
    {
        // RAPI bulk lists (rlib2.py I_FIELDS, N_FIELDS, G_FIELDS, NET_FIELDS, J_FIELDS, FILTER_RULE_FIELDS).
        {
            "instance",
            [
                "name", "admin_state", "os", "pnode", "snodes", "disk_template", "nic.ips", "nic.macs", "nic.modes", "nic.uuids", "nic.names",
                "nic.links", "nic.networks", "nic.networks.names", "nic.bridges", "network_port", "disk.sizes", "disk.spindles", "disk_usage",
                "disk.uuids", "disk.names", "beparams", "hvparams", "oper_state", "oper_ram", "oper_vcpus", "status", "custom_hvparams",
                "custom_beparams", "custom_nicparams", "custom_osparams", "ctime", "mtime", "uuid", "serial_no", "tags",
            ]
        },
        {
            "node",
            [
                "name", "offline", "master_candidate", "drained", "dtotal", "dfree", "sptotal", "spfree", "mtotal", "mnode", "mfree", "pinst_cnt",
                "sinst_cnt", "ctotal", "cnos", "cnodes", "csockets", "pip", "sip", "role", "pinst_list", "sinst_list", "master_capable", "vm_capable",
                "ndparams", "group.uuid", "ctime", "mtime", "uuid", "serial_no", "tags",
            ]
        },
        {
            "group",
            [
                "alloc_policy", "name", "node_cnt", "node_list", "ipolicy", "custom_ipolicy", "diskparams", "custom_diskparams", "ndparams",
                "custom_ndparams", "ctime", "mtime", "uuid", "serial_no", "tags",
            ]
        },
        {
            "network",
            [
                "name", "network", "gateway", "network6", "gateway6", "mac_prefix", "free_count", "reserved_count", "map", "group_list", "inst_list",
                "external_reservations", "ctime", "mtime", "uuid", "serial_no", "tags",
            ]
        },
        { "job", ["id", "ops", "status", "summary", "opstatus", "received_ts", "start_ts", "end_ts", "oplog", "opresult"] },
        { "filter", ["watermark", "priority", "predicates", "action", "reason_trail", "uuid"] },
        { "os", ["name", "valid", "variants", "parameters", "api_versions", "blacklisted", "hidden", "trusted"] },

        // Default columns of gnt-instance, gnt-node, gnt-group and gnt-job list; indexed fields.
        { "instance", ["name", "hypervisor", "os", "pnode", "status", "oper_ram", "disk.size/0", "disk.size/15", "nic.mac/0", "nic.mac/7", "be/maxmem", "vcpus"] },
        { "node", ["name", "dtotal", "dfree", "mtotal", "mnode", "mfree", "pinst_cnt", "sinst_cnt", "ndp/spindle_count"] },
        { "group", ["name", "node_cnt", "pinst_cnt", "alloc_policy", "ndparams"] },
        { "job", ["id", "status", "summary"] },
        { "export", ["node", "export"] },
        { "cluster", ["cluster_name", "master_node", "tags", "architecture", "drain_flag", "watcher_pause", "software_version", "ctime", "mtime"] },
    };

    [Theory]
    [MemberData(nameof(UsedFields))]
    public void FieldsUsedByRapiHtoolsAndTheCli_AreKnown(string resource, string[] fields)
    {
        var known = Definitions(resource, fields);

        known.Where(d => d["kind"]!.GetValue<string>() == "unknown").Select(d => d["name"]!.ToString()).Should().BeEmpty();
    }

    [Fact]
    public void AllFields_OfEveryResource_HaveDistinctNamesAndADoc()
    {
        foreach (var resource in new[] { "instance", "node", "group", "network", "job", "filter", "lock", "export", "os", "cluster" })
        {
            var all = Definitions(resource);
            all.Should().OnlyHaveUniqueItems(d => d["name"]!.GetValue<string>());
            all.Should().AllSatisfy(d => d["doc"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace());
        }
    }

    private static IReadOnlyList<JsonObject> Definitions(string resource, IReadOnlyList<string>? fields = null)
    {
        fields ??= [];
        var answer = resource switch
        {
            "instance" => QueryRunner.Fields(InstanceFields.Create(State), fields),
            "node" => QueryRunner.Fields(NodeFields.Create(State), fields),
            "group" => QueryRunner.Fields(GroupFields.Create(State), fields),
            "network" => QueryRunner.Fields(NetworkFields.Create(State), fields),
            "job" => QueryRunner.Fields(JobFields.Table, fields),
            "filter" => QueryRunner.Fields(FilterRuleFields.Create(), fields),
            "lock" => QueryRunner.Fields(LockFields.Create(), fields),
            "export" => QueryRunner.Fields(ExportFields.Create(), fields),
            "os" => QueryRunner.Fields(OsFields.Create(State), fields),
            "cluster" => QueryRunner.Fields(ClusterFields.Create(State), fields),
            _ => throw new ArgumentOutOfRangeException(nameof(resource)),
        };
        return [.. answer["fields"]!.AsArray().Select(d => d!.AsObject())];
    }
}
