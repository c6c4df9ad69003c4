using System.Text;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>Requests that reproduce what a hostile or careless client sent, against the real server.</summary>
public sealed class RawRequestTests(RawServer server) : IClassFixture<RawServer>
{
    private static readonly string Auth = RawServer.BasicAuth(RawServer.WriteUser, RawServer.WritePassword);

    private static (int Status, JsonNode? Body) Parse(string response)
    {
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var start = response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var end = response.IndexOf('\n', start);
        return (status, JsonNode.Parse(response[start..(end < 0 ? response.Length : end)]));
    }

    [Fact]
    public async Task ChunkSizeThatOverflows_Is400InGanetisFormat()
    {
        var request = "POST /2/instances/web1.example.com/reboot?dry-run=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + $"Authorization: {Auth}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n100000000\r\n{{}}\r\n0\r\n\r\n";

        var (status, body) = Parse(await server.ExchangeAsync(Encoding.ASCII.GetBytes(request), TimeSpan.FromSeconds(30)));

        status.Should().Be(400);
        body!["code"]!.GetValue<int>().Should().Be(400);
        body["message"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task BodyThatStopsArriving_Is408_AndTheConnectionIsClosed()
    {
        // Declares 10,000 bytes and sends 1,000: without an idle timeout the request would wait
        // as long as the client keeps the connection open.
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, server.Port);
        var stream = client.GetStream();
        var head = $"PUT /2/instances/web1.example.com/tags?tag=a&dry-run=1 HTTP/1.1\r\nHost: x\r\nAuthorization: {Auth}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "[" + new string(' ', 999)));

        var response = await RawServer.ReadAllAsync(stream, TimeSpan.FromSeconds(60));

        response.Should().NotContain("<still open>");
        var (status, body) = Parse(response);
        status.Should().Be(408);
        body!["code"]!.GetValue<int>().Should().Be(408);
        response.Should().Contain("Connection: close");
    }

    [Fact]
    public async Task ControlCharactersInThePath_CannotForgeALogLine()
    {
        var forged = "[11:59:59 ERR] FAKE admin login ok " + Guid.NewGuid().ToString("N");
        var path = "/x%0A" + Uri.EscapeDataString(forged) + "%0D%0Ay%E2%80%A8z";
        await server.ExchangeAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(30));

        var log = await server.LogUpToMarkerAsync();

        log.Should().NotContain(line => line.StartsWith(forged, StringComparison.Ordinal) || line.StartsWith("y", StringComparison.Ordinal));
        log.Should().ContainSingle(line => line.Contains(forged, StringComparison.Ordinal))
            .Which.Should().Contain("/x\\n" + forged + "\\r\\ny\\u2028z");
    }

    [Fact]
    public async Task RequestLog_NamesUserAndAddress_ClientMistakesAreNotErrors_AndFailedLoginsAreLoggedOnce()
    {
        var requests = new[]
        {
            $"PUT /2/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: {Auth}\r\n\r\n",
            $"GET /2/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: {Auth}\r\n\r\n",
            $"GET /2/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: {RawServer.BasicAuth("admin", "wrong")}\r\n\r\n",
        };
        foreach (var request in requests)
        {
            await server.ExchangeAsync(Encoding.ASCII.GetBytes(request), TimeSpan.FromSeconds(30));
        }

        var log = await server.LogUpToMarkerAsync();
        var start = log.ToList().FindLastIndex(line => line.Contains("PUT /2/info", StringComparison.Ordinal));

        start.Should().BeGreaterThanOrEqualTo(0);
        var lines = log.Skip(start).Where(line => !line.Contains("/marker-", StringComparison.Ordinal)).ToList();
        lines.Should().HaveCount(4, "each request has one line, and a failed login one warning more");
        lines[0].Should().Contain(" INF] HTTP PUT /2/info responded 501").And.Contain("from 127.0.0.1");
        lines[1].Should().Contain(" INF] HTTP GET /2/info responded 200").And.Contain("for admin from 127.0.0.1");
        lines[2].Should().Contain(" WRN] Authentication failed for admin from 127.0.0.1: wrong password");
        lines[3].Should().Contain(" INF] HTTP GET /2/info responded 401").And.Contain("for - from 127.0.0.1");
    }
}
