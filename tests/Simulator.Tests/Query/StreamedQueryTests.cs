using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;
using Ganeti.Simulator.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>
/// Queries of many instances are sent while other threads write them: through the real LUXI
/// socket the answer must be the one a single thread writes, and errors must still come out
/// as LUXI errors before any byte of an answer.
/// </summary>
public sealed class StreamedQueryTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "sim-stream-" + Guid.NewGuid().ToString("N")[..8]);
    private ClusterState _state = null!;
    private SimulatorFixtureOnDir _sim = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        var state = DemoCluster.Create(DateTimeOffset.UnixEpoch.AddYears(50));
        DemoCluster.AddBulkInstances(state, QueryEngine.StreamFrom + 500, DateTimeOffset.UnixEpoch.AddYears(50));
        using (var store = new SimStore(Path.Combine(_dataDir, "cluster.db")))
        {
            store.SaveState(state);
            _state = store.LoadState()!;
        }

        _sim = new SimulatorFixtureOnDir(_dataDir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""["=~", "name", "^bulk[0-9]*3\\."]""")]
    [InlineData("""["=", "os", "no-such-os"]""")]
    public async Task Query_ManyInstances_OverLuxi_IsWhatOneThreadWrites(string? filter)
    {
        var fields = InstanceFields.Create(_state).Sorted().Select(f => f.Name).ToList();
        var parsed = filter is null ? null : JsonNode.Parse(filter);
        var expected = JsonNode.Parse(QueryRunner.Query(OneThread.Instances(_state), fields, QueryFilterParser.Parse(parsed)));

        var answer = await _sim.Call("Query", "instance", new JsonArray([.. fields.Select(f => (JsonNode?)f)]), parsed?.DeepClone());

        answer!.ToJsonString().Should().Be(expected!.ToJsonString());
    }

    [Fact]
    public async Task QueryInstances_ManyInstances_OverLuxi_IsWhatOneThreadWrites()
    {
        string[] fields = ["name", "pnode", "beparams", "hvparams", "nic.macs", "oper_state", "tags"];
        var expected = JsonNode.Parse(QueryRunner.ClassicUtf8(OneThread.Instances(_state), fields, QueryFilter.None));

        var answer = await _sim.Call("QueryInstances", new JsonArray(), new JsonArray([.. fields.Select(f => (JsonNode?)f)]), false);

        answer!.AsArray().Count.Should().Be(_state.Instances.Count);
        answer.ToJsonString().Should().Be(expected!.ToJsonString());
    }

    [Fact]
    public async Task QueryInstances_UnknownField_ManyInstances_IsAnErrorAndTheConnectionGoesOn()
    {
        var client = _sim.Client();

        var failing = () => client.CallAsync("QueryInstances", new JsonArray(new JsonArray(), new JsonArray("name", "no-such-field"), false), CancellationToken.None).AsTask();

        (await failing.Should().ThrowAsync<GanetiException>()).Which.Message.Should().Contain("no-such-field");
        var names = await client.CallAsync("QueryInstances", new JsonArray(new JsonArray(), new JsonArray("name"), false), CancellationToken.None);
        names!.AsArray().Count.Should().Be(_state.Instances.Count);
    }

    [Fact]
    public async Task StreamedAnswer_PartsFinishedOutOfOrder_AreSentInOrder_WithCommasBetweenNonEmptyParts()
    {
        var answer = new StreamedAnswer("[["u8.ToArray(), 4, "]]"u8.ToArray());
        using var sent = new MemoryStream();

        var sending = answer.WriteToAsync(sent, CancellationToken.None).AsTask();
        answer.Complete(3, Rows("[4],[5]"));
        answer.Complete(1, Rows(string.Empty));
        answer.Complete(2, Rows("[3]"));
        sending.IsCompleted.Should().BeFalse("part 0 is not written yet");
        answer.Complete(0, Rows("[1],[2]"));
        await sending;

        Encoding.UTF8.GetString(sent.ToArray()).Should().Be("[[[1],[2],[3],[4],[5]]]");
    }

    [Fact]
    public async Task StreamedAnswer_FailedPart_StopsTheAnswer()
    {
        var answer = new StreamedAnswer("["u8.ToArray(), 2, "]"u8.ToArray());
        using var sent = new MemoryStream();
        answer.Complete(0, Rows("[1]"));
        answer.Fail(new InvalidOperationException("writer broke"));

        var sending = () => answer.WriteToAsync(sent, CancellationToken.None).AsTask();

        await sending.Should().ThrowAsync<InvalidOperationException>().WithMessage("writer broke");
        answer.Release();
    }

    [Fact]
    public void StreamedAnswer_Join_IsTheWholeAnswer()
    {
        var answer = new StreamedAnswer("{\"data\":["u8.ToArray(), 3, "]}"u8.ToArray());
        answer.Complete(0, Rows(string.Empty));
        answer.Complete(1, Rows("1,2"));
        answer.Complete(2, Rows("3"));

        using var joined = answer.Join();

        Encoding.UTF8.GetString(joined.ToArray()).Should().Be("{\"data\":[1,2,3]}");
    }

    private static Utf8Chunks Rows(string json)
    {
        using var writer = new QueryJsonWriter(64);
        writer.AppendRaw(Encoding.UTF8.GetBytes(json), valueFollows: json.Length > 0);
        return writer.Detach();
    }

    /// <summary>A simulated master on a data directory prepared by the test.</summary>
    private sealed class SimulatorFixtureOnDir(string dataDir) : IAsyncDisposable
    {
        private readonly SimulatedMaster _master = SimulatedMaster.Start(
            new SimulatorOptions { DataDirectory = dataDir, TimeScale = 0 }, TimeProvider.System, NullLoggerFactory.Instance);

        public Ganeti.Infrastructure.Luxi.LuxiClient Client()
        {
            var options = Microsoft.Extensions.Options.Options.Create(new Ganeti.Infrastructure.Luxi.LuxiOptions { SocketPath = _master.SocketPath, ConnectAttempts = 1 });
            return new Ganeti.Infrastructure.Luxi.LuxiClient(new Ganeti.Infrastructure.Luxi.UnixSocketTransport(options), options, NullLogger<Ganeti.Infrastructure.Luxi.LuxiClient>.Instance);
        }

        public Task<JsonNode?> Call(string method, params JsonNode?[] args) => Client().CallAsync(method, new JsonArray(args), CancellationToken.None).AsTask();

        public ValueTask DisposeAsync() => _master.DisposeAsync();
    }
}
