using System.Net;

namespace Ganeti.Api.Tests.Resources;

/// <summary><c>PUT /2/modify</c>, <c>PUT /2/redistribute-config</c> and the storage report of a node.</summary>
public sealed class ClusterWritesTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    private RapiTestClient Admin => RapiTestClient.For(factory, RapiTestClient.Admin);

    [Fact]
    public async Task Modify_ChangesWhatInfoShows()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/modify?reason=tuning", """{"candidate_pool_size": 7, "maintain_node_health": true, "beparams": {"vcpus": 2}}""");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        job["ops"]![0]!["reason"]![0]![1]!.GetValue<string>().Should().Be("tuning");
        var info = await Admin.OkAsync(HttpMethod.Get, "/2/info");
        info!["candidate_pool_size"]!.GetValue<int>().Should().Be(7);
        info["maintain_node_health"]!.GetValue<bool>().Should().BeTrue();
        info["beparams"]!["default"]!["vcpus"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Modify_CompressionTools_Is403EvenInTheBody()
    {
        var answer = await Admin.PutAsync("/2/modify", """{"compression_tools": ["gzip"]}""");

        answer.Status.Should().Be(HttpStatusCode.Forbidden);
        answer.Message.Should().Be("The parameter compression_tools cannot be set via RAPI");
        answer.Body!["explain"]!.GetValue<string>().Should().Be("Request forbidden -- authorization will not help");
    }

    [Theory]
    [InlineData("""{"candidate_pool_size": 0}""", "Invalid body parameters: (\"Parameter 'OP_CLUSTER_SET_PARAMS.candidate_pool_size' fails validation\", 'wrong_input')")]
    [InlineData("""{"enabled_hypervisors": ["vmware"]}""", "Invalid body parameters: (\"Parameter 'OP_CLUSTER_SET_PARAMS.enabled_hypervisors' fails validation\", 'wrong_input')")]
    [InlineData("""{"reason": []}""", "Can't overwrite static parameters {'reason'}")]
    [InlineData("[1]", "Body contents: Type is 'list', but 'dict' is expected")]
    public async Task Modify_BadBody_Is400(string body, string message)
    {
        var answer = await Admin.PutAsync("/2/modify", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Be(message);
    }

    [Fact]
    public async Task Modify_ThatGanetiRefuses_FailsTheJob()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/modify", """{"mac_prefix": "zz:00:00"}""");

        job["status"]!.GetValue<string>().Should().Be("error");
        job["opresult"]![0]![0]!.GetValue<string>().Should().Be("OpPrereqError");
    }

    [Fact]
    public async Task RedistributeConfig_IsAJobThatSucceeds()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Put, "/2/redistribute-config");

        job["status"]!.GetValue<string>().Should().Be("success");
        job["summary"]![0]!.GetValue<string>().Should().Be("CLUSTER_REDIST_CONF");
        job["ops"]![0]!["reason"]![0]![0]!.GetValue<string>().Should().Be("gnt:library:rlib2:redist_config");
    }

    [Fact]
    public async Task NodeStorage_TheJobReportsTheUnits()
    {
        var job = await Admin.RunJobAsync(HttpMethod.Get, "/2/nodes/node2/storage?storage_type=lvm-vg&output_fields=name,size,used,free,allocatable");

        job["status"]!.GetValue<string>().Should().Be("success", job.ToJsonString());
        var rows = job["opresult"]![0]!.AsArray();
        var row = rows.Should().ContainSingle().Subject!.AsArray();
        row[0]!.GetValue<string>().Should().Be("xenvg");
        (row[1]!.GetValue<long>() - row[3]!.GetValue<long>()).Should().Be(row[2]!.GetValue<long>(), "used is size minus free");
        job["ops"]![0]!["nodes"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("node2");
    }
}
