using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Infrastructure.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ganeti.Contract.Tests.ThreeNode;

/// <summary>
/// The real three-node Ganeti cluster of <c>scripts/real-ganeti/up3.sh</c>, reached through
/// our own LUXI client on the master's luxid socket. If luxid does not already answer as that
/// cluster, the script is run once; when it cannot bring the cluster up, every test of the
/// collection fails with its output. Jobs the tests submit are archived at the end.
/// </summary>
public sealed class RealThreeNodeFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string Cluster = "cluster3.ganeti.test";
    public const string MasterNode = "n1.ganeti3.test";
    public const string UpScript = "scripts/real-ganeti/up3.sh";

    /// <summary>luxid's socket on the master n1, as the host sees it (scripts/real-ganeti/up3.sh).</summary>
    public const string SocketPath = "/run/ganeti-real3/n1/run/socket/ganeti-query";

    private readonly List<long> _jobs = [];

    public LuxiClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await RealClusterScripts.EnsureUpAsync(SocketPath, Cluster, MasterNode, UpScript, "the three-node cluster", Report);
        Client = NewClient(TimeSpan.FromSeconds(90), attempts: 3);
    }

    /// <summary>Archives the jobs the tests submitted, so the live queue looks as it did before.</summary>
    public async Task DisposeAsync()
    {
        if (Client is null)
        {
            return;
        }

        foreach (var id in _jobs)
        {
            try
            {
                await Client.CallAsync("ArchiveJob", [id], CancellationToken.None);
            }
            catch (GanetiException ex)
            {
                Report($"could not archive job {id}: {ex.Message}");
            }
        }
    }

    public void Track(long id)
    {
        lock (_jobs)
        {
            _jobs.Add(id);
        }
    }

    public static LuxiClient NewClient(TimeSpan readWrite, int attempts, string socketPath = SocketPath) =>
        RealClusterScripts.NewClient(socketPath, readWrite, attempts);

    private void Report(string message) => diagnostics.OnMessage(new DiagnosticMessage($"[real ganeti, three nodes] {message}"));
}

[CollectionDefinition(Name)]
public sealed class RealThreeNodeCollection : ICollectionFixture<RealThreeNodeFixture>
{
    public const string Name = "real three-node Ganeti cluster";
}
