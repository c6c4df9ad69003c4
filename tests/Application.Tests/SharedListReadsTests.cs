using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Application.Reads;
using NSubstitute;

namespace Ganeti.Application.Tests;

/// <summary>
/// Concurrent bulk reads of one list share a master query, but never one that started before
/// they arrived. The master is a substituted port whose answers are held until the test lets
/// them go, so every interleaving here is forced, not timed.
/// </summary>
public class SharedListReadsTests
{
    private readonly IGanetiQueries _queries = Substitute.For<IGanetiQueries>();
    private readonly List<TaskCompletionSource<HeldAnswer>> _sent = [];
    private int _count;

    public SharedListReadsTests()
    {
        _queries.StreamRowsAsync(default, default, default!, default, default).ReturnsForAnyArgs(call =>
        {
            // Each query answers with its own number as the group's name, so a reader can tell which query it got.
            var n = Interlocked.Increment(ref _count);
            var answer = new HeldAnswer(Rows(call.ArgAt<IReadOnlyList<string>>(2) ?? ["name"], $"answer{n}", 1));
            Slot(n).SetResult(answer);
            return ValueTask.FromResult<IJsonSource>(answer);
        });
    }

    private static RapiResource Groups => RapiResources.Groups;

    [Fact]
    public async Task ReadsArrivingWhileTheListIsRead_ShareTheNextQuery_AndNeverTheOneBeforeThem()
    {
        var reads = new SharedListReads(_queries);
        var first = reads.ReadAsync(Groups, false, CancellationToken.None);
        var held = Answer(1);

        var second = reads.ReadAsync(Groups, false, CancellationToken.None);
        var third = reads.ReadAsync(Groups, false, CancellationToken.None);
        reads.QueriesSent.Should().Be(1, "the later reads wait for the query in flight to be read, then share the next");

        held.Release();
        Names(await Text(await first)).Should().Equal("answer1");
        (await Sent(2)).Release();
        var (a, b) = (await Text(await second), await Text(await third));

        Names(a).Should().Equal("answer2");
        b.Should().Be(a);
        reads.QueriesSent.Should().Be(2);
    }

    [Fact]
    public async Task DifferentLists_AndDifferentLocking_AreNotShared()
    {
        var reads = new SharedListReads(_queries);

        var groups = reads.ReadAsync(Groups, false, CancellationToken.None);
        var locked = reads.ReadAsync(Groups, true, CancellationToken.None);
        var networks = reads.ReadAsync(RapiResources.Networks, false, CancellationToken.None);

        reads.QueriesSent.Should().Be(3);
        for (var n = 1; n <= 3; n++)
        {
            (await Sent(n)).Release();
        }

        (await Task.WhenAll(Text(await groups), Text(await locked), Text(await networks))).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task MembersReadAtTheirOwnPace_AndEachGetsTheWholeAnswer()
    {
        var reads = new SharedListReads(_queries);
        var first = reads.ReadAsync(Groups, false, CancellationToken.None);
        var big = Rows(Groups.BulkFields, "g", 5_000);
        _queries.StreamRowsAsync(default, default, default!, default, default).ReturnsForAnyArgs(_ => ValueTask.FromResult<IJsonSource>(new HeldAnswer(big, released: true)));
        var members = Enumerable.Range(0, 3).Select(_ => reads.ReadAsync(Groups, false, CancellationToken.None)).ToList();
        Answer(1).Release();
        await (await first).DisposeAsync();

        var bodies = new List<JsonBody>();
        foreach (var member in members)
        {
            bodies.Add(await member);
        }

        // One member reads a part, the next reads all, the last starts only after both.
        var outputs = bodies.Select(_ => new System.Buffers.ArrayBufferWriter<byte>()).ToList();
        (await bodies[0].WriteNextAsync(outputs[0], CancellationToken.None)).Should().BeTrue("the answer is several parts long");
        while (await bodies[1].WriteNextAsync(outputs[1], CancellationToken.None))
        {
        }

        while (await bodies[0].WriteNextAsync(outputs[0], CancellationToken.None))
        {
        }

        while (await bodies[2].WriteNextAsync(outputs[2], CancellationToken.None))
        {
        }

        var texts = outputs.Select(o => Encoding.UTF8.GetString(o.WrittenSpan)).ToList();
        JsonNode.Parse(texts[0])!.AsArray().Should().HaveCount(5_000);
        texts.Should().AllBe(texts[0]);
        reads.QueriesSent.Should().Be(2);
        foreach (var body in bodies)
        {
            await body.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASlowReader_DoesNotHoldUpTheNextQuery()
    {
        var reads = new SharedListReads(_queries);
        var slow = await Started(reads.ReadAsync(Groups, false, CancellationToken.None), 1);

        // The slow reader has its body but has not sent a byte; its query's answer is read all the same.
        await Answer(1).Disposed;
        var next = reads.ReadAsync(Groups, false, CancellationToken.None);

        reads.QueriesSent.Should().Be(2, "the list's answer has been read, so a new read sends its own query at once");
        (await Sent(2)).Release();
        Names(await Text(await next)).Should().Equal("answer2");
        Names(await Text(slow)).Should().Equal("answer1");
    }

    [Fact]
    public async Task TheMastersError_ReachesEveryMemberBeforeAnyByte_AndTheListIsFreeAgain()
    {
        var reads = new SharedListReads(_queries);
        var first = reads.ReadAsync(Groups, false, CancellationToken.None);
        _queries.StreamRowsAsync(default, default, default!, default, default).ReturnsForAnyArgs(
            _ => ValueTask.FromException<IJsonSource>(new MasterUnreachableException("no master")),
            _ => ValueTask.FromResult<IJsonSource>(new HeldAnswer(Rows(Groups.BulkFields, "after", 1), released: true)));
        var members = new[] { reads.ReadAsync(Groups, false, CancellationToken.None), reads.ReadAsync(Groups, false, CancellationToken.None) };
        Answer(1).Release();
        await (await first).DisposeAsync();

        foreach (var member in members)
        {
            var act = async () => await member;
            await act.Should().ThrowAsync<MasterUnreachableException>();
        }

        Names(await Text(await reads.ReadAsync(Groups, false, CancellationToken.None))).Should().Equal("after");
    }

    [Fact]
    public async Task AMemberThatGivesUpWaiting_LeavesTheOthersTheirAnswer()
    {
        var reads = new SharedListReads(_queries);
        var first = reads.ReadAsync(Groups, false, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var quitter = reads.ReadAsync(Groups, false, cancel.Token);
        var stayer = reads.ReadAsync(Groups, false, CancellationToken.None);

        await cancel.CancelAsync();
        var act = async () => await quitter;
        await act.Should().ThrowAsync<OperationCanceledException>();
        Answer(1).Release();
        await (await first).DisposeAsync();

        (await Sent(2)).Release();
        Names(await Text(await stayer)).Should().Equal("answer2");
        await (await Sent(2)).Disposed;
    }

    [Fact]
    public async Task TheMastersAnswerBreakingOff_FailsTheMembersMidAnswer()
    {
        var reads = new SharedListReads(_queries);
        _queries.StreamRowsAsync(default, default, default!, default, default).ReturnsForAnyArgs(
            _ => ValueTask.FromResult<IJsonSource>(new HeldAnswer("[[\"a\"],[\"b", released: true)));

        var body = await reads.ReadAsync(Groups, false, CancellationToken.None);

        var act = async () => await Text(body);
        await act.Should().ThrowAsync<MasterProtocolException>();
    }

    /// <summary>The <paramref name="n"/>th query (1-based), which the test has seen sent already.</summary>
    private HeldAnswer Answer(int n)
    {
        var sent = Slot(n).Task;
        sent.IsCompleted.Should().BeTrue($"query {n} has been sent");
        return sent.Result;
    }

    /// <summary>The <paramref name="n"/>th query (1-based), once it is sent.</summary>
    private Task<HeldAnswer> Sent(int n) => Slot(n).Task;

    private TaskCompletionSource<HeldAnswer> Slot(int n)
    {
        lock (_sent)
        {
            while (_sent.Count < n)
            {
                _sent.Add(new(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _sent[n - 1];
        }
    }

    private async Task<JsonBody> Started(ValueTask<JsonBody> read, int n)
    {
        Answer(n).Release();
        return await read;
    }

    private static async Task<string> Text(JsonBody body)
    {
        await using (body)
        {
            return await body.ToJsonStringAsync();
        }
    }

    private static List<string> Names(string json)
        => JsonNode.Parse(json)!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList();

    private static string Rows(IReadOnlyList<string> fields, string name, int count)
    {
        var rows = Enumerable.Range(0, count).Select(i => "[" + string.Join(",", fields.Select(f => f == "name" ? $"\"{name}{(count > 1 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}\"" : "[\"some-value-to-fill-the-part\"]")) + "]");
        return "[" + string.Join(",", rows) + "]";
    }

    /// <summary>A master answer that arrives only once released, in small chunks; tells when its reader has let it go.</summary>
    private sealed class HeldAnswer(string json, bool released = false) : IJsonSource
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(json);
        private readonly TaskCompletionSource _release = NewReleased(released);
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _at;

        public Task Disposed => _disposed.Task;

        public void Release() => _release.TrySetResult();

        public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken ct)
        {
            await _release.Task.WaitAsync(ct);
            var chunk = _bytes.AsMemory(_at, Math.Min(8192, _bytes.Length - _at));
            _at += chunk.Length;
            return chunk;
        }

        public ValueTask DisposeAsync()
        {
            _disposed.TrySetResult();
            return ValueTask.CompletedTask;
        }

        private static TaskCompletionSource NewReleased(bool released)
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (released)
            {
                source.SetResult();
            }

            return source;
        }
    }
}
