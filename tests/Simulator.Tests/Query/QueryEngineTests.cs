using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>Query answers over the demo cluster: values, result statuses, lookups and order.</summary>
public class QueryEngineTests
{
    private const int Normal = 0;
    private const int Unknown = 1;
    private const int NoData = 2;
    private const int Unavailable = 3;
    private const int Offline = 4;

    private readonly ClusterState _state = DemoCluster.Create(DateTimeOffset.UnixEpoch.AddYears(50));

    [Fact]
    public void OfflineNode_LiveNodeFields_AreRsOffline_ConfigFieldsNormal()
    {
        Node("node4").Offline = true;

        var row = Rows(NodeFields.Source(_state), ["name", "offline", "mtotal", "mfree", "dtotal", "dfree", "ctotal", "cnos", "bootid", "pinst_cnt", "role"], """["==", "name", "node4"]""").Single();

        Statuses(row).Should().Equal(Normal, Normal, Offline, Offline, Offline, Offline, Offline, Offline, Offline, Normal, Normal);
        Values(row)[9]!.GetValue<int>().Should().Be(2);
        Values(row)[10]!.GetValue<string>().Should().Be("O");
    }

    [Fact]
    public void OnlineNode_CpuCounts_AreWhatGanetisLinuxHypervisorsReport()
    {
        var row = Rows(NodeFields.Source(_state), ["ctotal", "cnos", "cnodes"], """["==", "name", "node1"]""").Single();

        var values = Values(row);
        values[1]!.GetValue<int>().Should().Be(values[0]!.GetValue<int>(), "the node OS uses every CPU").And.BeGreaterThan(1);
        values[2]!.GetValue<int>().Should().Be(1, "Ganeti reports one NUMA domain");
    }

    [Fact]
    public void OnlineNode_LiveFields_AreNormal_SpindlesNoDataWithoutExclusiveStorage()
    {
        var row = Rows(NodeFields.Source(_state), ["mtotal", "mnode", "mfree", "dtotal", "dfree", "sptotal", "spfree", "powered", "hv_state"], """["==", "name", "node1"]""").Single();

        Statuses(row).Should().Equal(Normal, Normal, Normal, Normal, Normal, NoData, NoData, Unavailable, Unavailable);
        var values = Values(row);
        var mtotal = values[0]!.GetValue<long>();
        var mnode = values[1]!.GetValue<long>();
        values[2]!.GetValue<long>().Should().Be(mtotal - mnode - 1024 - 4096, "web1 and db1 run on node1");
        values[4]!.GetValue<long>().Should().Be(values[3]!.GetValue<long>() - (10240 + 128) * 2 - (20480 + 128) - (51200 + 128), "node1 holds web1, web2 (secondary) and db1");
    }

    [Fact]
    public void InstanceOnOfflineNode_LiveFields_AreOfflineOrNoData()
    {
        Node("node4").Offline = true;

        var row = Rows(InstanceFields.Source(_state), ["status", "oper_state", "oper_ram", "oper_vcpus", "console", "admin_state"], """["==", "name", "cache1"]""").Single();

        Statuses(row).Should().Equal(Normal, NoData, Offline, Offline, Offline, Normal);
        Values(row)[0]!.GetValue<string>().Should().Be("ERROR_nodeoffline");
    }

    [Fact]
    public void StoppedInstance_LiveValues_AreUnavailable_RunningOnesNormal()
    {
        var rows = Rows(InstanceFields.Source(_state), ["name", "status", "oper_state", "oper_ram", "oper_vcpus", "console"], """["|", ["==", "name", "batch1"], ["==", "name", "web1"]]""");

        Statuses(rows[0]).Should().Equal(Normal, Normal, Normal, Unavailable, Unavailable, NoData);
        Values(rows[0])[1]!.GetValue<string>().Should().Be("ADMIN_down");
        Values(rows[0])[2]!.GetValue<bool>().Should().BeFalse();
        Statuses(rows[1]).Should().Equal(Normal, Normal, Normal, Normal, Normal, Normal);
        Values(rows[1])[3]!.GetValue<int>().Should().Be(1024);
        Values(rows[1])[5]!["kind"]!.GetValue<string>().Should().Be("msg");
    }

    [Fact]
    public void IndexedFields_BeyondTheLastDiskOrNic_AreUnavailable()
    {
        var row = Rows(InstanceFields.Source(_state), ["disk.size/0", "disk.size/1", "disk.size/2", "nic.mac/0", "nic.mac/1", "nic.ip/0", "sda_size", "sdb_size", "mac", "network_port", "nosuch"], """["==", "name", "db1"]""").Single();

        Statuses(row).Should().Equal(Normal, Normal, Unavailable, Normal, Unavailable, Unavailable, Normal, Normal, Normal, Unavailable, Unknown);
        Values(row)[0]!.GetValue<long>().Should().Be(20480);
        Values(row)[1]!.GetValue<long>().Should().Be(51200);
        Values(row)[3]!.GetValue<string>().Should().Be(Values(row)[8]!.GetValue<string>());
    }

    [Fact]
    public void InstanceParameters_AreFilledFromTheClusterDefaults()
    {
        _state.Instances.Values.Single(i => i.Name.StartsWith("web1", StringComparison.Ordinal)).Hvparams["kernel_path"] = "/boot/vmlinuz";
        var row = Rows(InstanceFields.Source(_state), ["beparams", "be/auto_balance", "be/memory", "hvparams", "hv/kernel_path", "hv/acpi", "custom_beparams"], """["==", "name", "web1"]""").Single();

        var values = Values(row);
        values[0]!.ToJsonString().Should().Be("""{"minmem":512,"maxmem":1024,"vcpus":1,"auto_balance":true,"always_failover":false,"spindle_use":1}""");
        values[1]!.GetValue<bool>().Should().BeTrue();
        values[2]!.GetValue<int>().Should().Be(1024);
        values[3]!.ToJsonString().Should().Be("""{"kernel_path":"/boot/vmlinuz"}""", "the fake hypervisor has only the global migration_mode default");
        values[4]!.GetValue<string>().Should().Be("/boot/vmlinuz");
        Statuses(row)[5].Should().Be(Unavailable);
        values[6]!.ToJsonString().Should().Be("""{"minmem":512,"maxmem":1024,"vcpus":1}""");
    }

    [Fact]
    public void Instances_AreNicelySorted_NamedOnesInRequestOrder()
    {
        var all = Rows(InstanceFields.Source(_state), ["name"], "null").Select(r => Values(r)[0]!.GetValue<string>());
        var named = Rows(InstanceFields.Source(_state), ["name"], """["|", ["==", "name", "web2"], ["==", "name", "db1"], ["==", "name", "web2"]]""")
            .Select(r => Values(r)[0]!.GetValue<string>());

        all.Should().Equal("batch1.example.com", "cache1.example.com", "db1.example.com", "files1.example.com", "web1.example.com", "web2.example.com");
        named.Should().Equal("web2.example.com", "db1.example.com", "web2.example.com");
    }

    [Theory]
    [InlineData("instance", """["==", "name", "nosuch"]""", "Instance name nosuch not found")]
    [InlineData("instance", """["|", ["==", "name", "web1"], ["==", "name", "nosuch.example.com"]]""", "Instance name nosuch.example.com not found")]
    [InlineData("node", """["==", "name", "node9"]""", "Node name node9 not found")]
    [InlineData("group", """["==", "name", "nogroup"]""", "NodeGroup name nogroup not found")]
    [InlineData("network", """["==", "name", "nonet"]""", "Network name nonet not found")]
    [InlineData("export", """["==", "node", "node9"]""", "Node name node9 not found")]
    public void NamesOnlyFilter_WithAnUnknownName_FailsLikeLuxid(string resource, string filter, string message)
    {
        var act = () => resource switch
        {
            "instance" => Rows(InstanceFields.Source(_state), ["name"], filter),
            "node" => Rows(NodeFields.Source(_state), ["name"], filter),
            "group" => Rows(GroupFields.Source(_state), ["name"], filter),
            "network" => Rows(NetworkFields.Source(_state), ["name"], filter),
            _ => Rows(ExportFields.Source(_state), ["node"], filter),
        };

        var error = act.Should().Throw<SimError>().Which;
        error.ErrorClass.Should().Be("OpPrereqError");
        error.Args.ToJsonString().Should().Be(new JsonArray(message, "unknown_entity").ToJsonString());
    }

    [Fact]
    public void UnknownNameInsideAComplexFilter_IsJustNotMatched()
    {
        Rows(InstanceFields.Source(_state), ["name"], """["&", ["==", "name", "nosuch"]]""").Should().BeEmpty();
        Rows(InstanceFields.Source(_state), ["name"], """["|", ["==", "name", "nosuch"], ["==", "os", "noop"]]""").Should().HaveCount(6);
    }

    [Fact]
    public void AmbiguousShortName_HasMultipleMatches()
    {
        _state.Instances["x"] = new Instance { Uuid = "x", Name = "web1.other.org", PrimaryNodeUuid = Node("node1").Uuid };

        var act = () => Rows(InstanceFields.Source(_state), ["name"], """["==", "name", "web1"]""");

        act.Should().Throw<SimError>().WithMessage("Instance name web1 has multiple matches");
    }

    [Fact]
    public void Groups_CountNodesAndPrimaryInstances_AndMergeParameters()
    {
        var rows = Rows(GroupFields.Source(_state), ["name", "node_cnt", "pinst_cnt", "pinst_list", "alloc_policy", "ndparams", "ipolicy", "diskparams", "ndp/spindle_count", "tags"], "null");

        rows.Select(r => Values(r)[0]!.GetValue<string>()).Should().Equal("default", "group2");
        Values(rows[0])[1]!.GetValue<int>().Should().Be(3);
        Values(rows[0])[2]!.GetValue<int>().Should().Be(4);
        Values(rows[1])[3]!.ToJsonString().Should().Be("""["batch1.example.com","cache1.example.com"]""");
        Values(rows[0])[5]!["ssh_port"]!.GetValue<int>().Should().Be(22);
        Values(rows[0])[6]!["std"]!["memory-size"]!.GetValue<int>().Should().Be(128);
        Values(rows[0])[7]!["drbd"]!["protocol"]!.GetValue<string>().Should().Be("C");
        Values(rows[0])[8]!.GetValue<int>().Should().Be(1);
        Values(rows[1])[9]!.ToJsonString().Should().Be("""["site:b"]""");
    }

    [Fact]
    public void Networks_ComputeThePoolFromTheSubnet()
    {
        var web1 = _state.Instances.Values.Single(i => i.Name.StartsWith("web1", StringComparison.Ordinal));
        var network = _state.Networks.Values.Single();
        web1.Nics[0].NetworkUuid = network.Uuid;
        web1.Nics[0].Ip = "198.51.100.10";
        var pool = AddressPool.Open(network, []);
        pool.Reserve("198.51.100.5", external: true);
        pool.Save();

        var row = Rows(NetworkFields.Source(_state), ["free_count", "reserved_count", "map", "external_reservations", "inst_list", "inst_cnt", "group_list", "group_cnt", "network6", "mac_prefix"], "null").Single();

        var values = Values(row);
        values[0]!.GetValue<int>().Should().Be(251);
        values[1]!.GetValue<int>().Should().Be(5);
        values[2]!.GetValue<string>().Should().StartWith("XX...X....X.").And.EndWith(".X").And.HaveLength(256);
        values[3]!.GetValue<string>().Should().Be("198.51.100.0, 198.51.100.1, 198.51.100.5, 198.51.100.255");
        values[4]!.ToJsonString().Should().Be("""["web1.example.com"]""");
        values[5]!.GetValue<int>().Should().Be(1);
        values[6]!.ToJsonString().Should().Be("""[["default","bridged","gntbr0",""]]""");
        values[7]!.GetValue<int>().Should().Be(1);
        Statuses(row)[8..].Should().Equal(Unavailable, Unavailable);
    }

    [Fact]
    public void Os_ListsTheSeededOperatingSystems_WithClusterFlags()
    {
        _state.Cluster.Parameters["hidden_os"] = new JsonArray("debootstrap");

        var rows = Rows(OsFields.Source(_state), ["name", "valid", "hidden", "blacklisted", "variants", "api_versions", "parameters"], "null");

        rows.Select(r => Values(r)[0]!.GetValue<string>()).Should().Equal("debootstrap", "noop");
        Values(rows[0])[2]!.GetValue<bool>().Should().BeTrue();
        Values(rows[1])[2]!.GetValue<bool>().Should().BeFalse();
        Values(rows[0])[4]!.ToJsonString().Should().Be("""["default","minimal"]""");
        Values(rows[1])[5]!.ToJsonString().Should().Be("[20]");
    }

    [Fact]
    public void Cluster_IsOneRow_WithHostnameMatchingOnItsName()
    {
        var rows = Rows(ClusterFields.Source(_state), ["name", "master_node", "tags", "watcher_pause", "drain_flag"], """["==", "name", "cluster"]""");

        var row = rows.Single();
        Values(row)[0]!.GetValue<string>().Should().Be("cluster.example.com");
        Values(row)[1]!.GetValue<string>().Should().Be("node1.example.com");
        Statuses(row)[3].Should().Be(Unavailable);
    }

    [Fact]
    public void FilterRules_AreListedByUuid()
    {
        _state.FilterRules["b"] = new FilterRule { Uuid = "b", Priority = 10, Action = "PAUSE", Watermark = 7 };
        _state.FilterRules["a"] = new FilterRule { Uuid = "a", Priority = 0, Action = new JsonArray("RATE_LIMIT", 2), Predicates = [new JsonArray("jobid", new JsonArray(">", "id", 5))] };

        var rows = Rows(FilterRuleFields.Source(_state), ["uuid", "priority", "action", "predicates", "watermark"], """[">", "priority", -1]""");

        rows.Select(r => Values(r)[0]!.GetValue<string>()).Should().Equal("a", "b");
        Values(rows[0])[2]!.ToJsonString().Should().Be("""["RATE_LIMIT",2]""");
        Values(rows[1])[4]!.GetValue<int>().Should().Be(7);
    }

    [Fact]
    public void Classic_MatchesNamesAndUuids_InNiceOrder_WithPlainValues()
    {
        var db1 = _state.Instances.Values.Single(i => i.Name.StartsWith("db1", StringComparison.Ordinal));

        var rows = QueryRunner.Classic(InstanceFields.Source(_state), ["name", "oper_ram", "disk.size/5"], QueryRunner.ClassicFilter([FilterValue.Of("web2"), FilterValue.Of(db1.Uuid), FilterValue.Of("nosuch")], "name", "uuid"));

        rows.ToJsonString().Should().Be("""[["db1.example.com",4096,null],["web2.example.com",1024,null]]""");
    }

    [Fact]
    public void Classic_WrittenAsUtf8_EqualsTheRowsAsNodes_ForEveryField()
    {
        Node("node4").Offline = true;
        var instanceFields = InstanceFields.Create(_state).Names.ToList();
        var nodeFields = NodeFields.Create(_state).Names.ToList();
        var groupFields = GroupFields.Create(_state).Names.ToList();

        Same(InstanceFields.Source(_state), instanceFields);
        Same(NodeFields.Source(_state), nodeFields);
        Same(GroupFields.Source(_state), groupFields);
        Same(NetworkFields.Source(_state), [.. NetworkFields.Create(_state).Names]);

        static void Same<T>(QuerySource<T> source, List<string> fields)
        {
            var nodes = QueryRunner.Classic(source, fields, QueryFilter.None);
            var utf8 = JsonNode.Parse(QueryRunner.ClassicUtf8(source, fields, QueryFilter.None));
            JsonNode.DeepEquals(utf8, nodes).Should().BeTrue();
        }
    }

    [Fact]
    public void Classic_UnknownField_IsOpPrereqError()
    {
        var act = () => QueryRunner.Classic(NodeFields.Source(_state), ["name", "nosuch", "other"], QueryFilter.None);

        act.Should().Throw<SimError>().WithMessage("Unknown output fields selected: nosuch, other");
    }

    [Fact]
    public void ManyInstances_EveryField_ProducesOneRowEach()
    {
        var node = Node("node1");
        for (var n = 0; n < 2000; n++)
        {
            var instance = new Instance
            {
                Name = $"bulk{n}.example.com",
                PrimaryNodeUuid = node.Uuid,
                SecondaryNodeUuids = [Node("node2").Uuid],
                DiskTemplate = Domain.Instances.DiskTemplate.Drbd,
                Disks = [new Disk { Size = 1024 }],
                Nics = [new Nic { Mac = $"aa:00:01:00:{n / 256:x2}:{n % 256:x2}" }],
                Running = n % 2 == 0,
            };
            _state.Instances[instance.Uuid] = instance;
        }

        var fields = InstanceFields.Create(_state).Names.Order(StringComparer.Ordinal).Prepend("name").ToList();
        var answer = JsonNode.Parse(QueryRunner.Query(InstanceFields.Source(_state), fields, QueryFilter.None))!;

        answer["fields"]!.AsArray().Should().HaveCount(fields.Count);
        answer["data"]!.AsArray().Should().HaveCount(2006).And.AllSatisfy(r => r!.AsArray().Should().HaveCount(fields.Count));
        answer["data"]![0]![0]![1]!.GetValue<string>().Should().Be("batch1.example.com");
        answer["data"]![2]![0]![1]!.GetValue<string>().Should().Be("bulk1.example.com");
        answer["data"]![11]![0]![1]!.GetValue<string>().Should().Be("bulk10.example.com");
    }

    private Node Node(string shortName) => _state.Nodes.Values.Single(n => n.Name.StartsWith(shortName + ".", StringComparison.Ordinal));

    private static List<JsonArray> Rows<T>(QuerySource<T> source, string[] fields, string filter)
    {
        var answer = JsonNode.Parse(QueryRunner.Query(source, fields, QueryFilterParser.Parse(JsonNode.Parse(filter))))!;
        return [.. answer["data"]!.AsArray().Select(r => r!.AsArray())];
    }

    private static int[] Statuses(JsonArray row) => [.. row.Select(cell => cell![0]!.GetValue<int>())];

    private static JsonNode?[] Values(JsonArray row) => [.. row.Select(cell => cell![1])];
}
