using System.Text;
using System.Text.RegularExpressions;
using Ganeti.Api.Hosting;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>
/// The service's own console log, read from the running process: what an operator audits
/// (who wrote what, which job, who failed to log in and how long their answer waited), and
/// what must never be in it (passwords, wherever a client puts them).
/// </summary>
public sealed partial class AuditLogTests(AuditLogTests.Server server) : IClassFixture<AuditLogTests.Server>
{
    [Fact]
    public async Task WriteRequest_IsLoggedWithUserAddressMethodPathAndJobId()
    {
        var answer = await SendAsync("POST", "/2/instances/web1.example.com/reboot?type=soft&dry-run=1", RawServer.BasicAuth(RawServer.WriteUser, RawServer.WritePassword));
        answer.Should().StartWith("HTTP/1.1 200 ");
        var job = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Trim();
        job.Should().MatchRegex(@"^\d+$");

        var log = await server.LogUpToMarkerAsync();

        log.Should().Contain(line => line.Contains(" INF] HTTP POST /2/instances/web1.example.com/reboot responded 200 in ", StringComparison.Ordinal)
            && line.EndsWith($" ms for admin from 127.0.0.1 job {job}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Passwords_InCredentialsQueryStringsAndBodies_NeverReachTheLog()
    {
        var secret = "Sec" + Guid.NewGuid().ToString("N")[..12];
        var secrets = new[] { RawServer.WritePassword, RawServer.ReadPassword, secret + "a", secret + "b", secret + "c", secret + "d", secret + "e", secret + "f" };
        var admin = RawServer.BasicAuth(RawServer.WriteUser, RawServer.WritePassword);
        var requests = new (string Method, string Path, string? Auth, string? Body)[]
        {
            ("GET", "/2/info", admin, null),
            ("GET", "/2/info", RawServer.BasicAuth(RawServer.ReadUser, RawServer.ReadPassword), null),
            ("GET", "/2/info", RawServer.BasicAuth(RawServer.WriteUser, secrets[2]), null),
            ("GET", "/2/info", RawServer.BasicAuth(secrets[3], secrets[3]), null),
            ("GET", "/2/info", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(secrets[4])), null),
            ("GET", $"/2/info?password={secrets[5]}", null, null),
            ("POST", $"/2/instances/web1.example.com/reboot?type=soft&dry-run=1&password={secrets[5]}", admin, null),
            ("POST", "/2/instances/web1.example.com/reboot?dry-run=1", admin, $$"""{"password": "{{RawServer.WritePassword}}"}"""),
            ("PUT", "/2/instances/web1.example.com/modify", admin, $$$"""{"dry_run": true, "osparams_secret": {"root_password": "{{{secrets[6]}}}"}}"""),
            ("PUT", "/2/instances/web1.example.com/modify", admin, $$$"""{"dry_run": true, "beparams": {"vcpus": "{{{secrets[7]}}}"}}"""),
            ("POST", "/2/instances", admin, $$"""{"__version__": 1, "mode": "create", "name": "{{secrets[7]}}", "password": "{{secrets[7]}}"}"""),
        };
        foreach (var (method, path, auth, body) in requests)
        {
            (await SendAsync(method, path, auth, body)).Should().StartWith("HTTP/1.1 ");
        }

        var log = await server.LogUpToMarkerAsync();

        log.Should().Contain(line => line.Contains(" DBG] Handled ", StringComparison.Ordinal), "the service's debug lines are written too");
        log.Should().Contain(line => line.Contains("Authentication failed for admin from 127.0.0.1: wrong password", StringComparison.Ordinal));
        log.Should().Contain(line => line.Contains("Authentication failed for - from 127.0.0.1: no colon", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("Authentication failed for - from 127.0.0.1: unknown user", StringComparison.Ordinal));
        var encoded = secrets.Select(s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s))).Append(admin[6..]);
        log.Where(line => secrets.Concat(encoded).Any(s => line.Contains(s, StringComparison.Ordinal))).Should().BeEmpty();
    }

    [Fact]
    public async Task FailedLogins_FromLoopback_PastTheThreshold_AreAnsweredLaterAndLater_UntilOneSucceeds()
    {
        var wrong = RawServer.BasicAuth(RawServer.WriteUser, "wrong");
        var right = RawServer.BasicAuth(RawServer.WriteUser, RawServer.WritePassword);
        (await SendAsync("GET", "/2/info", right)).Should().StartWith("HTTP/1.1 200 ");
        for (var i = 0; i < 6; i++)
        {
            (await SendAsync("GET", "/2/info", wrong)).Should().StartWith("HTTP/1.1 401 ");
        }

        (await SendAsync("GET", "/2/info", right)).Should().StartWith("HTTP/1.1 200 ");
        (await SendAsync("GET", "/2/info", wrong)).Should().StartWith("HTTP/1.1 401 ");

        var log = await server.LogUpToMarkerAsync();
        var delays = log.Select(line => Delayed().Match(line)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // Threshold 2, first delay 20 ms, cap 80 ms; the success in between starts the count again.
        delays.TakeLast(7).Should().Equal(0, 0, 20, 40, 80, 80, 0);
        log.Where(line => Delayed().IsMatch(line)).Should().OnlyContain(line => line.Contains(" WRN] ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedLogin_IsAuthenticatedOnce_OneWarningAndOneRequestLine()
    {
        var before = (await server.LogUpToMarkerAsync()).Count;
        (await SendAsync("GET", "/2/info", RawServer.BasicAuth(RawServer.WriteUser, "wrong"))).Should().StartWith("HTTP/1.1 401 ");

        var lines = (await server.LogUpToMarkerAsync()).Skip(before).Where(line => !line.Contains("/marker-", StringComparison.Ordinal)).ToList();

        // ASP.NET Core's own line for a failed scheme is switched on here: it too must appear once.
        lines.Where(line => line.Contains("was not authenticated. Failure message: wrong password", StringComparison.Ordinal)).Should().ContainSingle();
        lines.Where(line => line.Contains(" WRN] Authentication failed for admin from 127.0.0.1: wrong password", StringComparison.Ordinal)).Should().ContainSingle();
        lines.Where(line => line.Contains("HTTP GET /2/info responded 401", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain(" INF] ");
    }

    [Theory]
    [InlineData(200, "Information")]
    [InlineData(400, "Information")]
    [InlineData(401, "Information")]
    [InlineData(404, "Information")]
    [InlineData(408, "Information")]
    [InlineData(501, "Information")]
    [InlineData(502, "Warning")]
    [InlineData(503, "Warning")]
    [InlineData(504, "Warning")]
    [InlineData(500, "Error")]
    public void RequestLevel_ClientMistakesAreInformation_MasterFailuresWarnings_OwnFailuresErrors(int status, string level) =>
        RequestLog.LevelOf(status, null).ToString().Should().Be(level);

    [Fact]
    public void RequestLevel_OfAnUnhandledException_IsError() =>
        RequestLog.LevelOf(200, new InvalidOperationException()).Should().Be(Serilog.Events.LogEventLevel.Error);

    private Task<string> SendAsync(string method, string path, string? auth, string? body = null)
    {
        var request = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        if (auth is not null)
        {
            request.Append("Authorization: ").Append(auth).Append("\r\n");
        }

        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null)
        {
            request.Append("Content-Type: application/json\r\n");
        }

        request.Append("Content-Length: ").Append(bytes.Length).Append("\r\n\r\n");
        return server.ExchangeAsync([.. Encoding.UTF8.GetBytes(request.ToString()), .. bytes], TimeSpan.FromSeconds(60));
    }

    [GeneratedRegex(@"Authentication failed for .* answer delayed (\d+) ms$")]
    private static partial Regex Delayed();

    /// <summary>The service logging everything of its own (Verbose), with a backoff quick enough to watch.</summary>
    public sealed class Server : RawServer
    {
        protected override IEnumerable<(string Name, string Value)> ExtraEnvironment =>
        [
            ("Serilog__MinimumLevel__Default", "Verbose"),
            ("Serilog__MinimumLevel__Override__Ganeti.Api.Auth.RapiAuthentication", "Verbose"),
            ("Rapi__AuthBackoff__Threshold", "2"),
            ("Rapi__AuthBackoff__FirstDelay", "00:00:00.020"),
            ("Rapi__AuthBackoff__MaxDelay", "00:00:00.080"),
        ];
    }
}
