using System.Net;
using Ganeti.Api.Hosting;
using Ganeti.Api.Observability;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ganeti.Api.Tests.Observability;

/// <summary>
/// <c>/healthz</c> answers while the process runs; <c>/readyz</c> answers 200 when the master
/// answers and 503 in Ganeti's error format when it does not, asking it at most once per period.
/// Both are open to anonymous callers even with <c>--require-authentication</c>.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_AndReadyz_AreAnonymous_EvenWhenAuthenticationIsRequired()
    {
        using var factory = new GanetiApiFactory { RequireAuthentication = true };
        var anonymous = RapiTestClient.For(factory);

        var health = await anonymous.GetAsync("/healthz");
        var ready = await anonymous.GetAsync("/readyz");

        health.Status.Should().Be(HttpStatusCode.OK);
        health.Body!["status"]!.GetValue<string>().Should().Be("alive");
        ready.Status.Should().Be(HttpStatusCode.OK, ready.Text);
        ready.Body!["status"]!.GetValue<string>().Should().Be("ready");
        ready.Body["cluster_name"]!.GetValue<string>().Should().Be("cluster.example.com");
        (await anonymous.GetAsync("/2/info")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await RapiTestClient.For(factory, "admin:wrong").GetAsync("/healthz")).Status.Should().Be(HttpStatusCode.Unauthorized, "credentials that are sent are checked");
        (await anonymous.PostAsync("/readyz")).Status.Should().Be(HttpStatusCode.NotImplemented);
    }

    [Fact]
    public async Task Readyz_WithoutMaster_Is503InGanetisFormat_WhileHealthzIs200()
    {
        var socket = Path.Combine(Path.GetTempPath(), "no-master-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        using var factory = new ConfiguredApiFactory(("Rapi:LuxiSocket", socket), ("Luxi:ConnectAttempts", "1"));
        var anonymous = RapiTestClient.For(factory);

        var ready = await anonymous.GetAsync("/readyz");

        ready.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready.Body!["code"]!.GetValue<int>().Should().Be(503);
        ready.Message.Should().StartWith("The master does not answer: ").And.Contain(socket);
        ready.Body["explain"]!.GetValue<string>().Should().NotBeEmpty();
        (await anonymous.GetAsync("/healthz")).Status.Should().Be(HttpStatusCode.OK);
        var scrape = await Scrape.ReadAsync(factory);
        scrape.Value("ganeti_luxi_call_duration_seconds_count", ("ganeti_luxi_method", "QueryConfigValues"), ("ganeti_luxi_outcome", "unreachable")).Should().Be(1);
    }

    [Fact]
    public async Task Readyz_WithinTheCachePeriod_AsksTheMasterOnce()
    {
        using var factory = new ConfiguredApiFactory(("Rapi:ReadinessCache", "00:10:00"));
        var anonymous = RapiTestClient.For(factory);

        for (var i = 0; i < 5; i++)
        {
            (await anonymous.GetAsync("/readyz")).Status.Should().Be(HttpStatusCode.OK);
        }

        var scrape = await Scrape.ReadAsync(factory);
        scrape.Value("ganeti_luxi_call_duration_seconds_count", ("ganeti_luxi_method", "QueryConfigValues")).Should().Be(1);
    }

    [Fact]
    public async Task ReadinessProbe_ReusesARun_ForThePeriod_ThenRunsAgain()
    {
        var time = new FakeTimeProvider();
        var health = new CountingHealthChecks();
        var probe = new ReadinessProbe(health, time, Options.Create(new RapiOptions { ReadinessCache = TimeSpan.FromSeconds(2) }));

        var first = await probe.CheckAsync();
        time.Advance(TimeSpan.FromSeconds(1.9));
        var second = await probe.CheckAsync();
        time.Advance(TimeSpan.FromSeconds(0.1));
        var third = await probe.CheckAsync();

        health.Runs.Should().Be(2);
        second.Should().BeSameAs(first);
        third.Should().NotBeSameAs(first);
    }

    private sealed class CountingHealthChecks : HealthCheckService
    {
        public int Runs { get; private set; }

        public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default)
        {
            Runs++;
            return Task.FromResult(new HealthReport(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero));
        }
    }
}
