using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Application.Groups;
using Ganeti.Application.Instances;
using Ganeti.Application.Jobs;
using Ganeti.Application.Nodes;
using Ganeti.Application.Reads;
using NSubstitute;

namespace Ganeti.Application.Tests;

/// <summary>List and single-object reads over a substituted query port: the rows the master sends become RAPI's objects.</summary>
public class ResourceReaderTests
{
    private readonly IGanetiQueries _queries = Substitute.For<IGanetiQueries>();

    private ResourceReader Reader => new(_queries);

    [Fact]
    public async Task Index_SortsNamesAsPlainStringsAndBuildsUris()
    {
        Answer("""[["b.example.com"],["a.example.com"],["B.example.com"]]""");

        var body = await Reader.RunAsync(new GetNodesQuery(), CancellationToken.None);

        (await body.ToJsonStringAsync()).Should().Be("""[{"id":"B.example.com","uri":"/2/nodes/B.example.com"},{"id":"a.example.com","uri":"/2/nodes/a.example.com"},{"id":"b.example.com","uri":"/2/nodes/b.example.com"}]""");
        await _queries.Received().QueryRowsRawAsync(ClassicQuery.Nodes, Arg.Is<IReadOnlyList<string>>(n => n.Count == 0), Arg.Is<IReadOnlyList<string>>(f => f.Single() == "name"), false, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Index_OfJobs_IsNumericAndTheIdsStayNumbers()
    {
        Answer("[[10],[9],[100]]");

        var body = await Reader.RunAsync(new GetJobsQuery(), CancellationToken.None);

        (await body.ToJsonStringAsync()).Should().Be("""[{"id":9,"uri":"/2/jobs/9"},{"id":10,"uri":"/2/jobs/10"},{"id":100,"uri":"/2/jobs/100"}]""");
        await _queries.Received().QueryRowsRawAsync(ClassicQuery.Jobs, Arg.Is<IReadOnlyList<string>?>(n => n == null), Arg.Is<IReadOnlyList<string>>(f => f.Single() == "id"), false, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Bulk_KeepsTheMastersOrderAndValuesByteForByte()
    {
        var fields = RapiResources.Groups.BulkFields;
        var row = "[" + string.Join(",", fields.Select((f, i) => f == "name" ? "\"g\\u00e9\"" : f == "ipolicy" ? "{\"a\": [1, 2.50]}" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        Answer($"[{row},{row}]");

        var text = await (await Reader.RunAsync(new GetGroupsQuery { Bulk = true }, CancellationToken.None)).ToJsonStringAsync();

        var items = JsonNode.Parse(text)!.AsArray();
        items.Should().HaveCount(2);
        items[0]!.AsObject().Select(p => p.Key).Should().Equal(fields);
        text.Should().Contain("\"name\":\"g\\u00e9\"", "strings are copied as sent").And.Contain("{\"a\": [1, 2.50]}");
    }

    [Fact]
    public async Task Bulk_Instances_GetMemoryAliasAppendedToBeparams()
    {
        var fields = RapiResources.Instances.BulkFields;
        var values = fields.Select(f => f switch
        {
            "beparams" => """{"maxmem": 512, "minmem": 256}""",
            "name" => "\"i1\"",
            _ => "null",
        });
        Answer("[[" + string.Join(",", values) + "]]");

        var items = JsonNode.Parse(await (await Reader.RunAsync(new GetInstancesQuery { Bulk = true }, CancellationToken.None)).ToJsonStringAsync())!.AsArray();

        var beparams = items.Single()!["beparams"]!.AsObject();
        beparams.Select(p => p.Key).Should().Equal("maxmem", "minmem", "memory");
        beparams["memory"]!.GetValue<int>().Should().Be(512);
    }

    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("""{"vcpus": 1}""", """{"vcpus":1}""")]
    [InlineData("""{"maxmem": {"odd": [1]}}""", """{"maxmem":{"odd":[1]},"memory":{"odd":[1]}}""")]
    public async Task MemoryAlias_OnlyWhenThereIsAMaxmem(string beparams, string expected)
    {
        var fields = RapiResources.Instances.ItemFields;
        Answer("[[" + string.Join(",", fields.Select(f => f == "beparams" ? beparams : "0")) + "]]");

        var item = JsonNode.Parse(await (await Reader.RunAsync(new GetInstanceQuery("i1"), CancellationToken.None)).ToJsonStringAsync())!;

        item["beparams"]!.ToJsonString().Should().Be(expected);
    }

    [Fact]
    public async Task Item_AddsItsAliasesAtTheEnd_AndTakesTheFirstRow()
    {
        var fields = RapiResources.Nodes.ItemFields;
        string Row(string name) => "[" + string.Join(",", fields.Select(f => f switch { "name" => $"\"{name}\"", "sip" => "\"192.0.2.9\"", _ => "null" })) + "]";
        Answer($"[{Row("n1")},{Row("n2")}]");

        var node = JsonNode.Parse(await (await Reader.RunAsync(new GetNodeQuery("n"), CancellationToken.None)).ToJsonStringAsync())!.AsObject();

        node["name"]!.GetValue<string>().Should().Be("n1");
        node.Select(p => p.Key).Should().Equal([.. fields, "secondary_ip"]);
        node["secondary_ip"]!.GetValue<string>().Should().Be("192.0.2.9");
    }

    [Fact]
    public async Task Item_NoRow_IsNotFound()
    {
        Answer("[]");

        var act = async () => await Reader.RunAsync(new GetGroupQuery("nosuch"), CancellationToken.None);

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[[1,2]]")]
    [InlineData("[1]")]
    [InlineData("[[")]
    public async Task MalformedAnswer_IsAProtocolError(string answer)
    {
        Answer(answer);

        var act = async () => await (await Reader.RunAsync(new GetGroupsQuery { Bulk = true }, CancellationToken.None)).ToJsonStringAsync();

        await act.Should().ThrowAsync<MasterProtocolException>();
    }

    [Fact]
    public async Task LargeAnswers_AreWrittenInParts_ThatTogetherAreTheWholeAnswer()
    {
        var fields = new[] { "name", "tags" };
        var rows = Enumerable.Range(0, 20_000).Select(i => $"[\"instance{i:D5}.example.com\",[\"{new string('t', 40)}\"]]");
        await using var body = RowsBody.List(RawJson.Of(Encoding.UTF8.GetBytes("[" + string.Join(",", rows) + "]")), fields, memoryAlias: false);
        var output = new ArrayBufferWriter<byte>();
        var parts = 1;
        while (await body.WriteNextAsync(output, CancellationToken.None))
        {
            output.WrittenCount.Should().BeGreaterThanOrEqualTo(parts * JsonBody.PartBytes, "each part holds at least one part's worth of bytes");
            parts++;
        }

        parts.Should().Be((output.WrittenCount / JsonBody.PartBytes) + 1, "every part but the last holds a part's worth");
        var items = JsonNode.Parse(output.WrittenSpan)!.AsArray();
        items.Should().HaveCount(20_000);
        items[19_999]!["name"]!.GetValue<string>().Should().Be("instance19999.example.com");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(4096)]
    public async Task StreamedAnswer_InChunksOfAnySize_IsRewrittenTheSame(int chunk)
    {
        var fields = RapiResources.Instances.BulkFields;
        string Row(int i) => "[" + string.Join(", ", fields.Select(f => f switch
        {
            "name" => $"\"i{i}.example.com\"",
            "beparams" => "{\"maxmem\": 512, \"auto_balance\": true, \"note\": \"a \\\"quoted\\\" } ] , value\"}",
            "tags" => "[\"x\", \"y]\"]",
            "nic.ips" => "[null, \"192.0.2.1\"]",
            _ => i % 2 == 0 ? "-12.5e3" : "false",
        })) + "]";
        var json = " [ " + string.Join(" ,\n", Enumerable.Range(0, 40).Select(Row)) + " ] ";
        _queries.StreamRowsAsync(default, default, default!, default, default).ReturnsForAnyArgs(_ => new ChunkedSource(Encoding.UTF8.GetBytes(json), chunk));

        var streamed = await (await Reader.RunAsync(new GetInstancesQuery { Bulk = true }, CancellationToken.None)).ToJsonStringAsync();

        var items = JsonNode.Parse(streamed)!.AsArray();
        items.Should().HaveCount(40);
        items[39]!["name"]!.GetValue<string>().Should().Be("i39.example.com");
        items[3]!["beparams"]!["note"]!.GetValue<string>().Should().Be("a \"quoted\" } ] , value");
        items[3]!["beparams"]!["memory"]!.GetValue<int>().Should().Be(512);
        items[3]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("x", "y]");
        items[2]!["ctime"]!.GetValue<double>().Should().Be(-12500);
    }

    [Fact]
    public async Task StreamedAnswer_ArrivingInSmallChunks_IsSentOnAPartAtATime()
    {
        var rows = Enumerable.Range(0, 20_000).Select(i => $"[\"node{i:D5}\",[\"{new string('t', 30)}\"]]");
        var source = new ChunkedSource(Encoding.UTF8.GetBytes("[" + string.Join(",", rows) + "]"), 4096);
        await using var body = RowsBody.List(source, ["name", "tags"], memoryAlias: false);
        var output = new ArrayBufferWriter<byte>();

        (await body.WriteNextAsync(output, CancellationToken.None)).Should().BeTrue();

        output.WrittenCount.Should().BeInRange(JsonBody.PartBytes, 2 * JsonBody.PartBytes, "a part is handed on as soon as it is full, while the rest is still to come");
        source.Remaining.Should().BeGreaterThan(500_000);
    }

    [Fact]
    public async Task StreamedAnswer_ThatStopsInTheMiddle_IsAProtocolError()
    {
        _queries.StreamRowsAsync(default, default, default!, default, default).ReturnsForAnyArgs(_ => new ChunkedSource("[[\"a\"],[\"b"u8.ToArray(), 3));

        var act = async () => await (await Reader.RunAsync(new GetGroupsQuery { Bulk = true }, CancellationToken.None)).ToJsonStringAsync();

        await act.Should().ThrowAsync<MasterProtocolException>();
    }

    private void Answer(string json)
    {
        _queries.QueryRowsRawAsync(default, default, default!, default, default).ReturnsForAnyArgs(_ => QueryHandlerTests.Raw(json));
        _queries.StreamRowsAsync(default, default, default!, default, default).ReturnsForAnyArgs(_ => new ChunkedSource(Encoding.UTF8.GetBytes(json), 5));
    }

    /// <summary>An answer that arrives <paramref name="size"/> bytes at a time.</summary>
    private sealed class ChunkedSource(byte[] bytes, int size) : IJsonSource
    {
        private int _at;

        public int Remaining => bytes.Length - _at;

        public ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken ct)
        {
            var chunk = bytes.AsMemory(_at, Math.Min(size, bytes.Length - _at));
            _at += chunk.Length;
            return ValueTask.FromResult<ReadOnlyMemory<byte>>(chunk.ToArray());
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
