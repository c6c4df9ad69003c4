using System.Net;

namespace Ganeti.Api.Tests.Resources;

/// <summary>Starting, stopping and moving instances.</summary>
public sealed class InstancePowerTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    private RapiTestClient Anonymous => RapiTestClient.For(factory);

    [Fact]
    public async Task ShutdownThenStartup_ChangeTheInstancesState()
    {
        var down = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/cache1/shutdown", """{"timeout": 5}""");
        down["status"]!.GetValue<string>().Should().Be("success", down.ToJsonString());
        down["ops"]![0]!["timeout"]!.GetValue<int>().Should().Be(5);
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/cache1"))!["admin_state"]!.GetValue<string>().Should().Be("down");

        var up = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/cache1/startup?force=1", """{"ignored": "the body of startup is ignored"}""");
        up["status"]!.GetValue<string>().Should().Be("success", up.ToJsonString());
        up["ops"]![0]!["force"]!.GetValue<bool>().Should().BeTrue();
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/cache1"))!["status"]!.GetValue<string>().Should().Be("running");
    }

    [Fact]
    public async Task Shutdown_NoRemember_AndDryRun()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/web2/shutdown?no_remember=1&dry-run=1");

        job["ops"]![0]!["no_remember"]!.GetValue<bool>().Should().BeTrue();
        job["ops"]![0]!["dry_run"]!.GetValue<bool>().Should().BeTrue();
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/web2"))!["status"]!.GetValue<string>().Should().Be("running");
    }

    [Fact]
    public async Task Failover_MovesTheInstanceToItsSecondary()
    {
        var before = await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/db1");
        var secondary = before!["snodes"]![0]!.GetValue<string>();

        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/db1/failover", """{"ignore_consistency": false}""");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        (await Anonymous.OkAsync(HttpMethod.Get, "/2/instances/db1"))!["pnode"]!.GetValue<string>().Should().Be(secondary);
    }

    [Fact]
    public async Task Migrate_OfAnInstanceWithoutMirroring_IsRefusedByTheJob()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/instances/batch1/migrate", """{"mode": "live"}""");

        job["status"]!.GetValue<string>().Should().Be("error");
        job["opresult"]![0]![0]!.GetValue<string>().Should().Be("OpPrereqError");
    }

    [Theory]
    [InlineData("/2/instances/web1/migrate", """{"mode": "fast"}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_MIGRATE.mode' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/web1/failover", """{"shutdown_timeout": -5}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_FAILOVER.shutdown_timeout' fails validation\", 'wrong_input')")]
    [InlineData("/2/instances/web1/shutdown", """{"no_remember": true}""", "Can't overwrite static parameters {'no_remember'}")]
    public async Task BadBody_Is400(string uri, string body, string message)
    {
        var answer = await Admin.PutAsync(uri, body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }
}
