using System.Net;

namespace Ganeti.Api.Tests.Observability;

/// <summary>
/// Who may read <c>/metrics</c> (<c>Rapi:MetricsAccess</c>, <c>Rapi:MetricsUsers</c>): every
/// caller against every setting, with refusals in Ganeti's format.
/// </summary>
public sealed class MetricsAccessTests
{
    private static readonly string?[] Callers = [null, RapiTestClient.Plain, RapiTestClient.Reader, RapiTestClient.Admin, "admin:wrong"];

    public static TheoryData<string, string, bool, int[]> Settings => new()
    {
        // access, users, --require-authentication: statuses for anonymous, no options, read, write, wrong password
        { "anonymous", "", false, [200, 200, 200, 200, 401] },
        { "anonymous", "", true, [401, 200, 200, 200, 401] },
        { "read", "", false, [401, 403, 200, 200, 401] },
        { "write", "", false, [401, 403, 403, 200, 401] },
        { "write", "plain", false, [401, 200, 403, 200, 401] },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Metrics_AnswersEachCaller_AsConfigured(string access, string users, bool requireAuthentication, int[] expected)
    {
        using var factory = new ConfiguredApiFactory(("Rapi:MetricsAccess", access), ("Rapi:MetricsUsers", users), ("Rapi:RequireAuthentication", requireAuthentication ? "true" : "false"));

        var failures = new List<string>();
        for (var i = 0; i < Callers.Length; i++)
        {
            var (status, text, contentType) = await Scrape.GetAsync(factory, "/metrics", Callers[i]);
            if ((int)status != expected[i])
            {
                failures.Add($"{Callers[i] ?? "anonymous"}: {(int)status}, expected {expected[i]}");
            }
            else if (status == HttpStatusCode.OK)
            {
                contentType.Should().Be("text/plain");
                text.Should().Contain("# TYPE ");
            }
            else
            {
                contentType.Should().Be("application/json");
                text.Should().StartWith($"{{\"code\":{expected[i]},\"message\":");
            }
        }

        failures.Should().BeEmpty();
    }
}
