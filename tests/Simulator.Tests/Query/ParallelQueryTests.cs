using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>
/// Large answers are written by several threads in parts: the bytes must be exactly those a
/// single thread writes, whatever the filter leaves in each part.
/// </summary>
public class ParallelQueryTests
{
    private static readonly ClusterState State = Large();

    public static TheoryData<string?> Filters => new()
    {
        null,
        """["=~", "name", "^bulk[0-9]*7\\."]""",
        """["=~", "name", "^bulk4[0-9]{3}\\."]""",
        """["=~", "name", "^bulk[0-9]{1,3}\\."]""",
        """["|", ["=", "name", "web1.example.com"], ["=", "name", "bulk4999.example.com"]]""",
        """["=", "os", "no-such-os"]""",
        """["<", "be/maxmem", 1024]""",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Query_InParallel_WritesTheSameBytesAsOneThread(string? filter)
    {
        var fields = InstanceFields.Create(State).Sorted().Select(f => f.Name).Append("no-such-field").ToList();
        var parsed = QueryFilterParser.Parse(filter is null ? null : JsonNode.Parse(filter));
        var parallel = InstanceFields.Source(State);
        parallel.CanRunInParallel.Should().BeTrue();

        var expected = QueryRunner.Query(OneThread.Instances(State), fields, parsed);
        var actual = QueryRunner.Query(parallel, fields, parsed);

        Encoding.UTF8.GetString(actual).Should().Be(Encoding.UTF8.GetString(expected));
        JsonNode.Parse(actual)!["data"]!.AsArray().Count.Should().Be(Rows(expected));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Classic_InParallel_WritesTheSameBytesAsOneThread(string? filter)
    {
        string[] fields = ["name", "pnode", "snodes", "beparams", "hvparams", "oper_state", "nic.macs", "disk.sizes", "tags", "ctime"];
        var parsed = QueryFilterParser.Parse(filter is null ? null : JsonNode.Parse(filter));

        var expected = QueryRunner.ClassicUtf8(OneThread.Instances(State), fields, parsed);
        var actual = QueryRunner.ClassicUtf8(InstanceFields.Source(State), fields, parsed);

        Encoding.UTF8.GetString(actual).Should().Be(Encoding.UTF8.GetString(expected));
    }

    [Fact]
    public void Query_EveryRow_IsWrittenOnce_InNameOrder()
    {
        var answer = JsonNode.Parse(QueryRunner.Query(InstanceFields.Source(State), ["name"], QueryFilter.None))!;

        var names = answer["data"]!.AsArray().Select(row => row![0]![1]!.GetValue<string>()).ToList();

        names.Should().HaveCount(State.Instances.Count).And.OnlyHaveUniqueItems();
        names.Should().Equal(NiceOrder.Of(State.Instances, i => i.Name).Select(i => i.Name));
    }

    private static int Rows(byte[] answer) => JsonNode.Parse(answer)!["data"]!.AsArray().Count;

    private static ClusterState Large()
    {
        var state = DemoCluster.Create(DateTimeOffset.UnixEpoch.AddYears(50));
        DemoCluster.AddBulkInstances(state, 5000, DateTimeOffset.UnixEpoch.AddYears(50));
        return state;
    }
}
