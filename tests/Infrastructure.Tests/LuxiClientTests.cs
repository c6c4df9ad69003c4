using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Errors;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure.Tests;

public class LuxiClientTests
{
    private static LuxiClient Client(string socket, TimeSpan? readWrite = null, int attempts = 1) =>
        new(new UnixSocketTransport(Options.Create(new LuxiOptions { SocketPath = socket })),
            Options.Create(new LuxiOptions
            {
                SocketPath = socket,
                ReadWriteTimeout = readWrite ?? TimeSpan.FromSeconds(5),
                ConnectAttempts = attempts,
                ConnectRetryDelay = TimeSpan.FromMilliseconds(10),
            }),
            NullLogger<LuxiClient>.Instance);

    private static byte[] Frame(string json) => [.. Encoding.UTF8.GetBytes(json), 0x03];

    [Fact]
    public async Task CallAsync_AnswerSplitAcrossReads_ReturnsResult()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await ReadAsync(s);
            var frame = Frame("""{"success":true,"result":[1,2,3]}""");
            await s.WriteAsync(frame.AsMemory(0, 10));
            await s.FlushAsync();
            await Task.Delay(50);
            await s.WriteAsync(frame.AsMemory(10));
        });

        var result = await Client(server.SocketPath).CallAsync("QueryJobs", [null, new JsonArray("id")], CancellationToken.None);

        result!.ToJsonString().Should().Be("[1,2,3]");
    }

    [Fact]
    public async Task CallAsync_TwoFramesInOneWrite_TakesTheFirst()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await ReadAsync(s);
            await s.WriteAsync(Frame("""{"success":true,"result":"first"}""").Concat(Frame("""{"success":true,"result":"second"}""")).ToArray());
        });

        var result = await Client(server.SocketPath).CallAsync("QueryConfigValues", [new JsonArray("x")], CancellationToken.None);

        result!.GetValue<string>().Should().Be("first");
    }

    [Fact]
    public async Task CallAsync_ServerStalls_TimesOutAsMasterTimeout()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await ReadAsync(s);
            await Task.Delay(TimeSpan.FromSeconds(5));
        });

        var act = async () => await Client(server.SocketPath, TimeSpan.FromMilliseconds(200)).CallAsync("QueryClusterInfo", [], CancellationToken.None);

        (await act.Should().ThrowAsync<MasterTimeoutException>()).WithMessage("*read/write timed out*");
    }

    [Fact]
    public async Task CallAsync_CallerCancels_IsCancellationNotTimeout()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await ReadAsync(s);
            await Task.Delay(TimeSpan.FromSeconds(5));
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = async () => await Client(server.SocketPath).CallAsync("QueryClusterInfo", [], cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task CallAsync_CloseMidFrame_IsProtocolError()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await ReadAsync(s);
            await s.WriteAsync(Encoding.UTF8.GetBytes("""{"success":tr"""));
        });

        var act = async () => await Client(server.SocketPath).CallAsync("QueryClusterInfo", [], CancellationToken.None);

        (await act.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*middle of a message*");
    }

    [Fact]
    public async Task CallAsync_EncodedError_BecomesTypedException()
    {
        await using var server = new FakeLuxiServer(async s =>
        {
            await ReadAsync(s);
            await s.WriteAsync(Frame("""{"success":false,"result":["OpPrereqError",["Unknown output fields selected: x","wrong_input"]]}"""));
        });

        var act = async () => await Client(server.SocketPath).CallAsync("QueryInstances", [new JsonArray(), new JsonArray("x"), false], CancellationToken.None);

        var error = (await act.Should().ThrowAsync<OpPrereqException>()).Which;
        error.Code.Should().Be(ErrorCode.Invalid);
        error.Message.Should().Be("Unknown output fields selected: x");
    }

    [Fact]
    public async Task CallAsync_NoSocket_MasterUnreachableAfterRetries()
    {
        var path = Path.Combine(Path.GetTempPath(), "absent-" + Guid.NewGuid().ToString("N")[..8] + ".sock");

        var act = async () => await Client(path, attempts: 3).CallAsync("QueryClusterInfo", [], CancellationToken.None);

        (await act.Should().ThrowAsync<MasterUnreachableException>()).WithMessage("Can't connect to master daemon*");
    }

    [Fact]
    public async Task CallAsync_ConnectionDroppedAfterWrite_IsNotRetried()
    {
        var connections = 0;
        await using var server = new FakeLuxiServer(async s =>
        {
            Interlocked.Increment(ref connections);
            await ReadAsync(s);
        });

        var act = async () => await Client(server.SocketPath, attempts: 5).CallAsync("SubmitJob", [new JsonArray()], CancellationToken.None);

        await act.Should().ThrowAsync<MasterProtocolException>();
        connections.Should().Be(1);
    }

    private static Task ReadAsync(Stream s) => FakeLuxiServer.ReadFrameAsync(s);
}

public class LuxiClientPoolTests
{
    private static async Task ServeForeverAsync(Stream s, Func<int> onRequest)
    {
        while (await FakeLuxiServer.ReadFrameAsync(s) is not null)
        {
            onRequest();
            await s.WriteAsync(System.Text.Encoding.UTF8.GetBytes("""{"success":true,"result":[]}""" + "\u0003"));
        }
    }

    private static LuxiClient Client(string socket, int pool)
    {
        var options = Options.Create(new LuxiOptions { SocketPath = socket, PoolSize = pool, ConnectAttempts = 1 });
        return new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
    }

    [Fact]
    public async Task ReadOnlyCalls_ReuseOneConnection_WhenPooled()
    {
        var connections = 0;
        var requests = 0;
        await using var server = new FakeLuxiServer(s =>
        {
            Interlocked.Increment(ref connections);
            return ServeForeverAsync(s, () => Interlocked.Increment(ref requests));
        });
        await using var client = Client(server.SocketPath, pool: 2);

        for (var i = 0; i < 5; i++)
        {
            await client.CallAsync(LuxiMethods.QueryJobs, [null, new JsonArray("id")], CancellationToken.None);
        }

        requests.Should().Be(5);
        connections.Should().Be(1);
    }

    [Fact]
    public async Task StateChangingCalls_AlwaysUseFreshConnections()
    {
        var connections = 0;
        await using var server = new FakeLuxiServer(s =>
        {
            Interlocked.Increment(ref connections);
            return ServeForeverAsync(s, () => 0);
        });
        await using var client = Client(server.SocketPath, pool: 4);

        for (var i = 0; i < 3; i++)
        {
            await client.CallAsync(LuxiMethods.CancelJob, [1, false], CancellationToken.None);
        }

        connections.Should().Be(3);
    }

    [Fact]
    public async Task WithoutPool_EveryCallConnects()
    {
        var connections = 0;
        await using var server = new FakeLuxiServer(s =>
        {
            Interlocked.Increment(ref connections);
            return ServeForeverAsync(s, () => 0);
        });
        await using var client = Client(server.SocketPath, pool: 0);

        await client.CallAsync(LuxiMethods.QueryJobs, [null, new JsonArray("id")], CancellationToken.None);
        await client.CallAsync(LuxiMethods.QueryJobs, [null, new JsonArray("id")], CancellationToken.None);

        connections.Should().Be(2);
    }

    [Fact]
    public async Task PooledConnectionClosedByMaster_IsReplaced()
    {
        var connections = 0;
        await using var server = new FakeLuxiServer(async s =>
        {
            Interlocked.Increment(ref connections);
            await FakeLuxiServer.ReadFrameAsync(s);

            await s.WriteAsync(System.Text.Encoding.UTF8.GetBytes("""{"success":true,"result":[]}""" + "\u0003"));
            s.Close(); // the master drops the connection after answering
        });
        await using var client = Client(server.SocketPath, pool: 2);

        await client.CallAsync(LuxiMethods.QueryJobs, [null, new JsonArray("id")], CancellationToken.None);
        await Task.Delay(100);
        var second = await client.CallAsync(LuxiMethods.QueryJobs, [null, new JsonArray("id")], CancellationToken.None);

        second!.AsArray().Should().BeEmpty();
        connections.Should().Be(2);
    }
}

public class LuxiJobQueueTests
{
    [Fact]
    public async Task SubmitAsync_OpcodeWithoutReason_SendsEmptyReason()
    {
        byte[]? request = null;
        await using var server = new FakeLuxiServer(async s =>
        {
            request = await FakeLuxiServer.ReadFrameAsync(s);
            await s.WriteAsync(System.Text.Encoding.UTF8.GetBytes("""{"success":true,"result":7}""" + "\u0003"));
        });
        var options = Options.Create(new LuxiOptions { SocketPath = server.SocketPath, ConnectAttempts = 1 });
        var jobs = new LuxiJobQueue(new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance));

        var id = await jobs.SubmitAsync([new Ganeti.Domain.OpCodes.OpInstanceReboot("web1", Ganeti.Domain.Instances.RebootType.Hard) { DryRun = true }], CancellationToken.None);

        id.Value.Should().Be(7);
        var op = JsonNode.Parse(request!)!["args"]![0]![0]!;
        op["reason"]!.AsArray().Should().BeEmpty();
        op["dry_run"]!.GetValue<bool>().Should().BeTrue();
    }
}
