using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>
/// Clients that hang up in the middle of a long request leave nothing behind: the gateway's
/// LUXI connections to the master and the master's side of them are closed (the process's
/// socket count returns to where it was before the master's own timeout would have ended the
/// calls), and a <c>GET /2/os</c> whose client left has its OS-diagnose job canceled.
/// </summary>
public sealed class ClientDisconnectTests(RawServer server) : IClassFixture<RawServer>
{
    /// <summary>How long <c>/2/jobs/J/wait</c> waits for a change (ganeti-rapi's 10 s) less a margin: a release that only comes from that timeout fails.</summary>
    private static readonly TimeSpan BeforeTheWaitTimeout = TimeSpan.FromSeconds(8);

    private static readonly string Admin = RawServer.BasicAuth(RawServer.WriteUser, RawServer.WritePassword);

    [Fact]
    public async Task ClientsLeavingJobWaits_LeaveNoSocketBehind()
    {
        var job = await SubmitDelayAsync(seconds: 120);
        var baseline = await SettledSocketCountAsync();

        var clients = new List<TcpClient>();
        var body = $$"""{"fields": ["status"], "previous_job_info": ["running"], "previous_log_serial": 0}""";
        for (var i = 0; i < 50; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, server.Port);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                $"GET /2/jobs/{job}/wait HTTP/1.1\r\nHost: x\r\nAuthorization: {Admin}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
            clients.Add(client);
        }

        // Every wait is in progress once its connection and its LUXI call are open: 50 client
        // sockets, and the gateway's and the master's ends of 50 LUXI connections.
        (await WaitForSocketCountAsync(n => n >= baseline + 50 * 2, TimeSpan.FromSeconds(30))).Should().BeTrue("the waits reach the master");
        var hangUp = DateTime.UtcNow;
        foreach (var client in clients)
        {
            client.Client.LingerState = new LingerOption(true, 0); // a reset, as a client that dies
            client.Dispose();
        }

        var released = await WaitForSocketCountAsync(n => n <= baseline, BeforeTheWaitTimeout);

        released.Should().BeTrue($"the sockets of clients that left are closed, with their LUXI calls, within {BeforeTheWaitTimeout.TotalSeconds} s of the hang-up (now {SocketCount()}, before {baseline}, {(DateTime.UtcNow - hangUp).TotalSeconds:0.0} s after)");
        (await GetAsync("/2/info")).Should().StartWith("HTTP/1.1 200"); // Kestrel answers HTTP/1.0 requests with its own version
    }

    [Fact]
    public async Task ClientsLeavingOsListings_HaveTheirJobsCanceled_AndLeaveNoSocketBehind()
    {
        // Twenty running jobs fill the master's running slots: an OS-diagnose job now waits in the queue.
        for (var i = 0; i < 20; i++)
        {
            await SubmitDelayAsync(seconds: 120);
        }

        var baseline = await SettledSocketCountAsync();
        var before = (await JobsAsync()).Count;
        var clients = new List<TcpClient>();
        for (var i = 0; i < 10; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, server.Port);
            await client.GetStream().WriteAsync("GET /2/os HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            clients.Add(client);
        }

        var osJobs = await WaitForAsync(async () =>
        {
            var jobs = await JobsAsync();
            var diagnose = jobs.Where(j => j["ops"]?[0]?["OP_ID"]?.GetValue<string>() == "OP_OS_DIAGNOSE").ToList();
            return diagnose.Count == 10 ? diagnose : null;
        }, TimeSpan.FromSeconds(30));
        osJobs.Should().NotBeNull("each listing submits its OS-diagnose job");
        osJobs!.Should().OnlyContain(j => j["status"]!.GetValue<string>() == "queued");
        foreach (var client in clients)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Dispose();
        }

        var canceled = await WaitForAsync(async () =>
        {
            var jobs = await JobsAsync();
            var diagnose = jobs.Where(j => j["ops"]?[0]?["OP_ID"]?.GetValue<string>() == "OP_OS_DIAGNOSE").ToList();
            return diagnose.All(j => j["status"]!.GetValue<string>() == "canceled") ? diagnose : null;
        }, BeforeTheWaitTimeout);

        canceled.Should().NotBeNull("the OS-diagnose jobs of clients that left are canceled");
        (await JobsAsync()).Should().HaveCount(before + 10);
        (await WaitForSocketCountAsync(n => n <= baseline, BeforeTheWaitTimeout)).Should().BeTrue($"no socket is left behind (now {SocketCount()}, before {baseline})");
    }

    private int SocketCount()
    {
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{server.ProcessId}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // closed while being read
            }
        }

        return count;
    }

    /// <summary>The socket count once no request is in flight (the probe's own connection closed).</summary>
    private async Task<int> SettledSocketCountAsync()
    {
        (await GetAsync("/2/info")).Should().StartWith("HTTP/1.1 200"); // Kestrel answers HTTP/1.0 requests with its own version
        var count = SocketCount();
        await WaitForSocketCountAsync(n => n < count, TimeSpan.FromMilliseconds(500));
        return SocketCount();
    }

    private async Task<bool> WaitForSocketCountAsync(Func<int, bool> condition, TimeSpan within) =>
        await WaitForAsync(() => Task.FromResult(condition(SocketCount()) ? (object?)true : null), within) is not null;

    private static async Task<T?> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan within)
        where T : class
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>An HTTP/1.0 GET: the answer comes whole, not chunked, and the connection closes.</summary>
    private async Task<string> GetAsync(string path) =>
        await server.ExchangeAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\nHost: x\r\n\r\n"), TimeSpan.FromSeconds(30));

    private async Task<List<JsonNode>> JobsAsync()
    {
        var response = await GetAsync("/2/jobs?bulk=1");
        var json = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        return [.. JsonNode.Parse(json)!.AsArray().Select(j => j!)];
    }

    /// <summary>Submits OP_TEST_DELAY straight to the simulator's LUXI socket (RAPI has no resource for it).</summary>
    private async Task<long> SubmitDelayAsync(int seconds)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(server.LuxiSocket));
        var request = $$"""{"method": "SubmitJob", "args": [[{"OP_ID": "OP_TEST_DELAY", "duration": {{seconds}}, "reason": [["test", "disconnect", 0]]}]]}""";
        await socket.SendAsync(Encoding.UTF8.GetBytes(request + "\u0003"));
        var answer = new List<byte>();
        var buffer = new byte[4096];
        while (!answer.Contains(3))
        {
            var read = await socket.ReceiveAsync(buffer);
            read.Should().BePositive("the master answers");
            answer.AddRange(buffer.AsSpan(0, read));
        }

        var envelope = JsonNode.Parse(Encoding.UTF8.GetString([.. answer.TakeWhile(b => b != 3)]))!;
        envelope["success"]!.GetValue<bool>().Should().BeTrue(envelope.ToJsonString());
        return envelope["result"]!.GetValue<long>();
    }
}
