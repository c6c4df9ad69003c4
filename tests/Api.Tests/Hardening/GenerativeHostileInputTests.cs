using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>
/// Ten thousand requests generated from a fixed seed over every route of the route table (new
/// routes are covered without editing this test), sent as raw bytes to the real server by
/// anonymous, read and write callers. No request may cause a server fault, every error must
/// be in Ganeti's format, no log line may be forged, and the service must still answer.
/// </summary>
public sealed partial class GenerativeHostileInputTests(RawServer server, GanetiApiFactory factory, ITestOutputHelper output)
    : IClassFixture<RawServer>, IClassFixture<GanetiApiFactory>
{
    private const int Requests = 10_000;

    /// <summary>Statuses the spec gives for a master that fails (the only 5xx allowed besides 501).</summary>
    private static readonly int[] MasterFailures = [502, 503, 504];

    [Fact]
    public async Task GeneratedRequests_NoServerFault_GanetiErrorBodies_NoForgedLogLines()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !AnswersOtherThanJson(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.m, StringComparer.Ordinal).ToList();
        routes.Should().HaveCountGreaterThan(50);

        var gen = HostileRequests.Over(routes);
        var pcg = new PCG(1, 20261206);
        var requests = Enumerable.Range(0, Requests).Select(_ => gen.Generate(pcg, null!, out Size _)).ToList();

        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var examples = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) =>
        {
            var response = await server.ExchangeAsync(request.ToBytes(), TimeSpan.FromSeconds(60));
            var (status, problem) = Judge(request, response);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var seen = examples.GetOrAdd(status, _ => new ConcurrentQueue<string>());
            if (seen.Count < 2)
            {
                seen.Enqueue(request.ToString()[..Math.Min(request.ToString().Length, 160)]);
            }
            if (problem is not null)
            {
                failures.Enqueue(problem + " <- " + request);
            }
        });

        output.WriteLine($"{Requests} requests over {routes.Count} method/route pairs; by status:");
        foreach (var (status, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {status}: {count}, e.g. {string.Join(" | ", examples[status])}");
        }

        failures.Take(20).Should().BeEmpty();

        var info = await server.ExchangeAsync(Encoding.ASCII.GetBytes("GET /2/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(60));
        info.Should().StartWith("HTTP/1.1 200 ");

        var log = await server.LogUpToMarkerAsync();
        log.Where(line => !LogLine().IsMatch(line)).Take(10).Should().BeEmpty("every line is a whole log event: no request may start a line of its own");
        log.Where(line => line.Contains(" ERR] ", StringComparison.Ordinal)).Take(10).Should().BeEmpty();
    }

    /// <summary>
    /// Endpoints outside RAPI whose success is not JSON by design (<c>/metrics</c>' Prometheus
    /// text, the reference page's HTML and scripts) are left out of the storm, since the judge
    /// reads every answer as JSON; their refusals are checked by MetricsAccessTests and the
    /// reference page's tests.
    /// </summary>
    private static bool AnswersOtherThanJson(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Any(p => p.StatusCode == 200 && p.ContentTypes.Any() && !p.ContentTypes.Any(c => c.Contains("json", StringComparison.Ordinal)));

    /// <summary>The response's status (or how the connection ended) and what is wrong with it, if anything.</summary>
    private static (string Status, string? Problem) Judge(HostileRequest request, string response)
    {
        if (!response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
        {
            return ("no answer", "no HTTP answer: " + response[..Math.Min(response.Length, 80)]);
        }

        var statusText = response.Substring(9, 3);
        var status = int.Parse(statusText, System.Globalization.CultureInfo.InvariantCulture);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = response[..split];
        var body = response[(split + 4)..];
        if (headers.Contains("\r\nTransfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        if (status >= 500 && status != 501 && !MasterFailures.Contains(status))
        {
            return (statusText, $"server fault {status}: {body}");
        }

        if (request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
        {
            return (statusText, null);
        }

        if (status >= 400 && body.Length == 0 && !headers.Contains("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            // Refused by Kestrel itself before the request reached the service (malformed request
            // line or headers, a target it cannot decode): it writes no body.
            return ($"{status} (server, no body)", null);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (status >= 400)
            {
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("code", out var code) || code.GetInt32() != status
                    || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("explain", out var explain) || explain.ValueKind != JsonValueKind.String)
                {
                    return (statusText, "not Ganeti's error body: " + body);
                }
            }
        }
        catch (JsonException)
        {
            return (statusText, "body is not JSON: " + body[..Math.Min(body.Length, 200)]);
        }

        return (statusText, null);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < body.Length)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var size = Convert.ToInt32(body[at..end].Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            result.Append(body, end + 2, size);
            at = end + 2 + size + 2;
        }

        return result.ToString();
    }

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d (VRB|DBG|INF|WRN|ERR|FTL)\] ")]
    private static partial Regex LogLine();
}
