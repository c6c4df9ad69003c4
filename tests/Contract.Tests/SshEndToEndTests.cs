using System.Text.Json.Nodes;
using Ganeti.Ssh.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ganeti.Contract.Tests;

/// <summary>
/// The gateway off the master: it reaches the real Ganeti's luxid through a real sshd on
/// loopback and socat, as it would on a management host.
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed class SshEndToEndTests(RealGanetiFixture cluster) : IAsyncLifetime
{
    private SshLab _lab = null!;
    private SshGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        SshLab.RequireTools();
        _lab = new SshLab();
        var server = await _lab.StartServerAsync("master");
        _lab.TrustAll(server);

        // The node we reach names itself master (the real ssconf names node1.ganeti.test, which only resolves inside the cluster's namespace).
        var masterFile = Path.Combine(_lab.Root, "ssconf_master_node");
        await File.WriteAllTextAsync(masterFile, server.Address + "\n");
        var users = Path.Combine(_lab.Root, "users");
        await File.WriteAllTextAsync(users, "admin adminpass write\n");
        _gateway = new SshGateway(_lab, $"{server.Address}:{server.Port}", Ganeti.Infrastructure.Luxi.LuxiOptions.DefaultSocketPath, masterFile, users);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _lab.DisposeAsync();
    }

    [Fact]
    public async Task Info_AndAJobToSuccess_ThroughSsh()
    {
        var client = _gateway.CreateClient();
        var info = JsonNode.Parse(await client.GetStringAsync("/2/info"))!;
        info["name"]!.GetValue<string>().Should().Be(RealGanetiFixture.Cluster);
        info["master"]!.GetValue<string>().Should().Be(RealGanetiFixture.Master);

        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:adminpass"u8.ToArray()));
        var posted = await client.PostAsync("/2/instances/inst1.ganeti.test/reboot?type=soft&dry-run=1", null);
        posted.EnsureSuccessStatusCode();
        var id = long.Parse((await posted.Content.ReadAsStringAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        string? status = null;
        for (var i = 0; i < 100 && status is not ("success" or "error"); i++)
        {
            var job = JsonNode.Parse(await client.GetStringAsync($"/2/jobs/{id}"))!;
            status = job["status"]?.GetValue<string>();
            await Task.Delay(100);
        }

        status.Should().Be("success");
        cluster.Track(id); // archived when the fixture ends
    }
}
