using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure.Tests;

/// <summary>
/// The never-retry-a-delivered-request rule with a transport that can tell "not delivered"
/// apart (the SSH transport does when socat cannot reach the master socket).
/// </summary>
public class LuxiRetryRuleTests
{
    private static LuxiClient Client(ILuxiTransport transport, int attempts = 3, int pool = 0) =>
        new(transport,
            Options.Create(new LuxiOptions { ConnectAttempts = attempts, ConnectRetryDelay = TimeSpan.FromMilliseconds(1), ReadWriteTimeout = TimeSpan.FromSeconds(5), PoolSize = pool }),
            NullLogger<LuxiClient>.Instance);

    [Fact]
    public async Task NotDeliveredAfterWrite_IsRetried_EvenForSubmitJob()
    {
        var transport = new ScriptedTransport(
            ScriptedStream.NotDelivered("socat: connect(/sock): No such file or directory"),
            ScriptedStream.Answering("""{"success":true,"result":"17"}"""));

        var result = await Client(transport).CallAsync(LuxiMethods.SubmitJob, [new JsonArray()], CancellationToken.None);

        result!.GetValue<string>().Should().Be("17");
        transport.Connects.Should().Be(2);
        transport.Streams.Should().AllSatisfy(s => s.Written.Should().EndWith([0x03]));
    }

    [Fact]
    public async Task NotDeliveredEveryTime_IsUnreachable_AfterTheConfiguredAttempts()
    {
        var transport = new ScriptedTransport(
            ScriptedStream.NotDelivered("no socket"), ScriptedStream.NotDelivered("no socket"), ScriptedStream.NotDelivered("no socket"), ScriptedStream.NotDelivered("no socket"));

        var act = async () => await Client(transport, attempts: 3).CallAsync(LuxiMethods.SubmitJob, [new JsonArray()], CancellationToken.None);

        (await act.Should().ThrowAsync<MasterUnreachableException>()).WithMessage("no socket");
        transport.Connects.Should().Be(3);
    }

    [Fact]
    public async Task FailedConnectThenNotDelivered_ShareOneAttemptBudget()
    {
        var transport = new ScriptedTransport(null, ScriptedStream.NotDelivered("gone"), ScriptedStream.Answering("""{"success":true,"result":1}"""));

        var act = async () => await Client(transport, attempts: 2).CallAsync(LuxiMethods.QueryClusterInfo, [], CancellationToken.None);

        await act.Should().ThrowAsync<MasterUnreachableException>();
        transport.Connects.Should().Be(2);
    }

    [Fact]
    public async Task IoErrorAfterWrite_IsNeverRetried()
    {
        var transport = new ScriptedTransport(
            ScriptedStream.Failing(new IOException("SSH connection lost")),
            ScriptedStream.Answering("""{"success":true,"result":"17"}"""));

        var act = async () => await Client(transport, attempts: 5).CallAsync(LuxiMethods.SubmitJob, [new JsonArray()], CancellationToken.None);

        (await act.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*SSH connection lost*");
        transport.Connects.Should().Be(1);
    }

    [Fact]
    public async Task CleanCloseWithoutAnswer_IsNeverRetried()
    {
        var transport = new ScriptedTransport(ScriptedStream.Answering(string.Empty, terminate: false), ScriptedStream.Answering("""{"success":true,"result":"17"}"""));

        var act = async () => await Client(transport, attempts: 5).CallAsync(LuxiMethods.SubmitJob, [new JsonArray()], CancellationToken.None);

        (await act.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*closed before an answer*");
        transport.Connects.Should().Be(1);
    }

    [Fact]
    public async Task ReadOnlyCall_OnAReusedConnectionClosedBeforeAnswering_IsAskedAgainOnAFreshOne()
    {
        // The first stream answers once, then ends: the master closed it while it sat idle.
        var transport = new ScriptedTransport(ScriptedStream.Answering("""{"success":true,"result":"first"}"""), ScriptedStream.Answering("""{"success":true,"result":"second"}"""))
        {
            Alive = true,
        };
        await using var client = Client(transport, attempts: 1, pool: 2);

        await client.CallAsync(LuxiMethods.QueryConfigValues, [new JsonArray("x")], CancellationToken.None);
        var second = await client.CallAsync(LuxiMethods.QueryConfigValues, [new JsonArray("x")], CancellationToken.None);

        second!.GetValue<string>().Should().Be("second");
        transport.Connects.Should().Be(2);
        transport.Streams[0].Written.Count(b => b == 0x03).Should().Be(2, "the request was written to the reused connection first");
    }

    [Fact]
    public async Task ReadOnlyCall_OnAReusedConnectionFailingWithIo_IsAskedAgain_ButOnlyOnce()
    {
        var transport = new ScriptedTransport(
            ScriptedStream.Answering("""{"success":true,"result":1}""", failAfterAnswer: new IOException("reset")),
            ScriptedStream.Answering(string.Empty, terminate: false))
        {
            Alive = true,
        };
        await using var client = Client(transport, attempts: 3, pool: 2);
        await client.CallAsync(LuxiMethods.QueryJobs, [null, new JsonArray("id")], CancellationToken.None);

        var act = async () => await client.CallAsync(LuxiMethods.QueryJobs, [null, new JsonArray("id")], CancellationToken.None);

        (await act.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*closed before an answer*");
        transport.Connects.Should().Be(2);
    }

    [Fact]
    public async Task StateChangingCalls_NeverReuse_SoAreNeverAskedAgain()
    {
        var transport = new ScriptedTransport(ScriptedStream.Answering(string.Empty, terminate: false), ScriptedStream.Answering("""{"success":true,"result":[true,""]}"""))
        {
            Alive = true,
        };
        await using var client = Client(transport, attempts: 3, pool: 2);

        var act = async () => await client.CallAsync(LuxiMethods.CancelJob, [1, false], CancellationToken.None);

        await act.Should().ThrowAsync<MasterProtocolException>();
        transport.Connects.Should().Be(1);
    }

    /// <summary>Hands out the scripted streams in order; a null entry is a failed connect.</summary>
    private sealed class ScriptedTransport(params ScriptedStream?[] script) : ILuxiTransport
    {
        private int _next;

        public int Connects => _next;

        public List<ScriptedStream> Streams { get; } = [];

        public string Endpoint => "scripted";

        public bool Alive { get; init; }

        public bool IsAlive(Stream stream) => Alive;

        public ValueTask<Stream> ConnectAsync(CancellationToken ct)
        {
            var index = _next++;
            if (index >= script.Length)
            {
                throw new InvalidOperationException("more connects than scripted");
            }

            var stream = script[index] ?? throw new LuxiConnectException("refused");
            Streams.Add(stream);
            return ValueTask.FromResult<Stream>(stream);
        }
    }

    /// <summary>Records what is written; answers with bytes, or fails the first read.</summary>
    private sealed class ScriptedStream : Stream
    {
        private readonly byte[] _answer;
        private readonly Exception? _readFailure;
        private readonly Exception? _failAfterAnswer;
        private readonly List<byte> _written = [];
        private int _position;

        private ScriptedStream(byte[] answer, Exception? readFailure, Exception? failAfterAnswer = null)
        {
            _answer = answer;
            _readFailure = readFailure;
            _failAfterAnswer = failAfterAnswer;
        }

        public byte[] Written => [.. _written];

        public static ScriptedStream Answering(string json, bool terminate = true, Exception? failAfterAnswer = null) =>
            new(terminate ? [.. Encoding.UTF8.GetBytes(json), 0x03] : Encoding.UTF8.GetBytes(json), null, failAfterAnswer);

        public static ScriptedStream NotDelivered(string reason) => new([], new LuxiConnectException(reason));

        public static ScriptedStream Failing(Exception ex) => new([], ex);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_readFailure is not null)
            {
                throw _readFailure;
            }

            if (_position == _answer.Length && _failAfterAnswer is not null)
            {
                throw _failAfterAnswer;
            }

            var n = Math.Min(count, _answer.Length - _position);
            Array.Copy(_answer, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => _written.AddRange(buffer.AsSpan(offset, count).ToArray());

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
