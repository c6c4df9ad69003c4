using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Domain.Errors;
using Ganeti.Infrastructure.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure.Tests;

/// <summary>Answers read while they arrive (<see cref="LuxiClient.CallStreamingAsync"/>) against a scripted LUXI peer.</summary>
public class LuxiStreamingTests
{
    private static LuxiClient Client(string socket, int pool = 8) =>
        new(new UnixSocketTransport(Options.Create(new LuxiOptions { SocketPath = socket })),
            Options.Create(new LuxiOptions { SocketPath = socket, PoolSize = pool, ReadWriteTimeout = TimeSpan.FromSeconds(10), ConnectRetryDelay = TimeSpan.FromMilliseconds(10) }),
            NullLogger<LuxiClient>.Instance);

    /// <summary>Writes an answer in pieces of <paramref name="size"/> bytes, flushing each, then the terminator.</summary>
    private static async Task SendInPieces(Stream stream, string answer, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(answer);
        for (var at = 0; at < bytes.Length; at += size)
        {
            await stream.WriteAsync(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)));
            await stream.FlushAsync();
        }

        await stream.WriteAsync(new byte[] { 0x03 });
        await stream.FlushAsync();
    }

    private static async Task<string> ReadAll(IJsonSource source)
    {
        var text = new StringBuilder();
        while (await source.ReadAsync(CancellationToken.None) is { IsEmpty: false } chunk)
        {
            text.Append(Encoding.UTF8.GetString(chunk.Span));
        }

        return text.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(26)]
    [InlineData(27)]
    [InlineData(1000)]
    public async Task Result_ArrivingInPiecesOfAnySize_IsHandedOnWithoutTheEnvelope(int size)
    {
        const string Result = """[[{"a": "}"}, {}], [{"b": [1, {"c": {}}]}]]""";
        await using var server = new FakeLuxiServer(async s =>
        {
            await FakeLuxiServer.ReadFrameAsync(s);
            await SendInPieces(s, """{"success":true,"result":""" + Result + "}", size);
        });

        await using var source = await Client(server.SocketPath).CallStreamingAsync("QueryInstances", [new JsonArray(), new JsonArray("x"), false], CancellationToken.None);

        (await ReadAll(source)).Should().Be(Result);
    }

    [Fact]
    public async Task ResultEndingInABrace_KeepsIt_AndOnlyTheEnvelopesIsDropped()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await FakeLuxiServer.ReadFrameAsync(s);
            await s.WriteAsync("""{"success":true,"result":{"x":{}}"""u8.ToArray());
            await s.FlushAsync();
            await s.WriteAsync("}"u8.ToArray());
            await s.FlushAsync();
            await s.WriteAsync(new byte[] { 0x03 });
        });

        await using var source = await Client(server.SocketPath).CallStreamingAsync("QueryClusterInfo", [], CancellationToken.None);

        (await ReadAll(source)).Should().Be("""{"x":{}}""");
    }

    [Fact]
    public async Task FailedAnswer_IsThrownBeforeAnyByte()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await FakeLuxiServer.ReadFrameAsync(s);
            await SendInPieces(s, """{"success":false,"result":["OpPrereqError",["Sync queries are not allowed","wrong_input"]]}""", 5);
        });

        var act = async () => await Client(server.SocketPath).CallStreamingAsync("QueryInstances", [new JsonArray(), new JsonArray("x"), true], CancellationToken.None);

        (await act.Should().ThrowAsync<OpPrereqException>()).Which.Code.Should().Be(ErrorCode.Invalid);
    }

    [Fact]
    public async Task AnswerWithResultFirst_IsReadWholeAndStillWorks()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await FakeLuxiServer.ReadFrameAsync(s);
            await SendInPieces(s, """{"result": [["a"], ["b"]], "success": true}""", 4);
        });

        await using var source = await Client(server.SocketPath).CallStreamingAsync("QueryGroups", [new JsonArray(), new JsonArray("name"), false], CancellationToken.None);

        (await ReadAll(source)).Should().Be("""[["a"], ["b"]]""");
    }

    [Fact]
    public async Task ConnectionReadToTheEnd_IsReused_OneLeftHalfReadIsNot()
    {
        var connections = 0;
        await using var server = new FakeLuxiServer(async s =>
        {
            Interlocked.Increment(ref connections);
            while (await FakeLuxiServer.ReadFrameAsync(s) is not null)
            {
                await SendInPieces(s, "{\"success\":true,\"result\":[[\"" + new string('x', 100_000) + "\"]]}", 8192);
            }
        });
        var client = Client(server.SocketPath);

        for (var i = 0; i < 3; i++)
        {
            await using var source = await client.CallStreamingAsync("QueryNodes", [new JsonArray(), new JsonArray("name"), false], CancellationToken.None);
            (await ReadAll(source)).Length.Should().Be(100_006);
        }

        connections.Should().Be(1, "an answer read to its end leaves the connection ready for the next call");

        await using (var abandoned = await client.CallStreamingAsync("QueryNodes", [new JsonArray(), new JsonArray("name"), false], CancellationToken.None))
        {
            (await abandoned.ReadAsync(CancellationToken.None)).IsEmpty.Should().BeFalse();
        }

        await using (var next = await client.CallStreamingAsync("QueryNodes", [new JsonArray(), new JsonArray("name"), false], CancellationToken.None))
        {
            (await ReadAll(next)).Length.Should().Be(100_006);
        }

        connections.Should().Be(2, "a connection given up in the middle of an answer is closed, not reused");
    }

    /// <summary>
    /// The last piece of a streamed answer was handed on from the connection's read buffer after
    /// the connection had gone back to the pool: a call that took the connection at once filled
    /// the buffer with its own answer before the first reader had used its piece (under load, a
    /// 502 "The master's answer is not a list of rows: expected '[', found '{'").
    /// </summary>
    [Fact]
    public async Task LastPiece_StaysIntact_WhenTheConnectionIsReusedBeforeItIsRead()
    {
        using var secondPart = new SemaphoreSlim(0);
        await using var server = new FakeLuxiServer(async s =>
        {
            // The first answer in two writes, the second when the test says: its result ends in the last piece.
            await FakeLuxiServer.ReadFrameAsync(s);
            await s.WriteAsync("""{"success":true,"result":[["fir"""u8.ToArray());
            await s.FlushAsync();
            await secondPart.WaitAsync();
            await s.WriteAsync((byte[])[.. "st\"]]}"u8, 0x03]);
            await s.FlushAsync();
            await FakeLuxiServer.ReadFrameAsync(s);
            await s.WriteAsync((byte[])[.. """{"success":true,"result":{"other":"answer, long enough to cover the first"}}"""u8, 0x03]);
            await s.FlushAsync();
        });
        var client = Client(server.SocketPath);

        await using var first = await client.CallStreamingAsync("QueryInstances", [new JsonArray(), new JsonArray("name"), false], CancellationToken.None);
        var start = Encoding.UTF8.GetString((await first.ReadAsync(CancellationToken.None)).Span);
        secondPart.Release();
        var last = await first.ReadAsync(CancellationToken.None);
        var other = await client.CallAsync("QueryClusterInfo", [], CancellationToken.None);

        (start + Encoding.UTF8.GetString(last.Span)).Should().Be("""[["first"]]""");
        other!["other"]!.GetValue<string>().Should().StartWith("answer");
    }

    [Fact]
    public async Task PeerClosingInTheMiddle_IsABrokenMaster()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await FakeLuxiServer.ReadFrameAsync(s);
            await s.WriteAsync("""{"success":true,"result":[["a"],["""u8.ToArray());
        });

        await using var source = await Client(server.SocketPath, pool: 0).CallStreamingAsync("QueryGroups", [new JsonArray(), new JsonArray("name"), false], CancellationToken.None);
        var act = async () => await ReadAll(source);

        await act.Should().ThrowAsync<MasterProtocolException>();
    }

    [Fact]
    public async Task Writes_AreNotStreamed()
    {
        var act = async () => await Client("/nonexistent").CallStreamingAsync("SubmitJob", [new JsonArray()], CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
    }
}
