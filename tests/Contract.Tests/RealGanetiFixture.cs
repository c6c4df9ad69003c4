using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Infrastructure.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ganeti.Contract.Tests;

/// <summary>
/// The real Ganeti cluster of <c>scripts/real-ganeti/up.sh</c>, reached through our own LUXI
/// client on luxid's socket. If luxid does not already answer as that cluster, the script is
/// run once; when it cannot bring the cluster up, every contract test fails with its output.
/// </summary>
public sealed class RealGanetiFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string Cluster = "cluster.ganeti.test";
    public const string Master = "node1.ganeti.test";
    public const string UpScript = "scripts/real-ganeti/up.sh";

    /// <summary>The cluster's network namespace and UTS namespace file, as scripts/real-ganeti/common.sh names them.</summary>
    public const string NetworkNamespace = "ganeti-real";

    /// <inheritdoc cref="NetworkNamespace"/>
    public const string UtsNamespace = "/run/ganeti-real/uts";

    private readonly List<long> _jobs = [];

    public LuxiClient Client { get; private set; } = null!;

    public LuxiQueries Queries { get; private set; } = null!;

    public LuxiJobQueue JobQueue { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await RealClusterScripts.EnsureUpAsync(LuxiOptions.DefaultSocketPath, Cluster, Master, UpScript, "the real Ganeti cluster", Report);
        Client = NewClient(TimeSpan.FromSeconds(90), attempts: 3);
        Queries = new LuxiQueries(Client);
        JobQueue = new LuxiJobQueue(Client);
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

    public Task<JsonNode?> CallAsync(string method, params JsonNode?[] args) =>
        Client.CallAsync(method, new JsonArray(args), CancellationToken.None).AsTask();

    /// <summary>Submits one job made of <paramref name="ops"/> and remembers it for archiving.</summary>
    public async Task<long> SubmitAsync(params JsonObject[] ops)
    {
        var result = await CallAsync("SubmitJob", new JsonArray([.. ops]));
        var id = result!.GetValue<long>();
        Track(id);
        return id;
    }

    public void Track(long id) => _jobs.Add(id);

    /// <summary>
    /// Follows a job with WaitForJobChange until it is finalized; returns every status seen,
    /// the final one last.
    /// </summary>
    public async Task<IReadOnlyList<JobStatus>> FollowAsync(long id, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(90));
        var seen = new List<JobStatus>();
        JsonNode? previous = null;
        long? logSerial = null;
        while (DateTime.UtcNow < deadline)
        {
            // The log serial follows the entries seen, or a job that logs is answered at once, again and again.
            var answer = await CallAsync("WaitForJobChange", id, new JsonArray("status"), previous?.DeepClone(), logSerial, 5);
            if (answer is JsonValue v && v.TryGetValue<string>(out var text) && text == "nochange")
            {
                continue;
            }

            if (answer!.AsArray()[1] is JsonArray { Count: > 0 } entries)
            {
                logSerial = entries.Max(e => e![0]!.GetValue<long>());
            }

            var values = answer.AsArray()[0]!.AsArray();
            var wire = values[0]!.GetValue<string>();
            WireNames<JobStatus>.TryParse(wire, out var status).Should().BeTrue($"'{wire}' should be a job status");
            if (seen.Count == 0 || seen[^1] != status)
            {
                seen.Add(status);
            }

            if (status.IsFinalized())
            {
                return seen;
            }

            previous = values;
        }

        throw new TimeoutException($"job {id} was not finalized in time; statuses seen: {string.Join(", ", seen)}");
    }

    /// <summary>A name no other test run uses, for tags, filters and reasons.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>An opcode dict as luxid wants it: <c>OP_ID</c>, the parameters, and a (here empty) reason trail.</summary>
    public static JsonObject Op(string opId, JsonObject parameters)
    {
        var op = new JsonObject { ["OP_ID"] = opId, ["reason"] = new JsonArray() };
        foreach (var (key, value) in parameters)
        {
            op[key] = value?.DeepClone();
        }

        return op;
    }

    public static JsonObject TestDelay(double seconds, JsonArray? reason = null)
    {
        var op = Op("OP_TEST_DELAY", new JsonObject { ["duration"] = seconds });
        if (reason is not null)
        {
            op["reason"] = reason;
        }

        return op;
    }

    public static JsonObject ClusterTags(string opId, params string[] tags) =>
        Op(opId, new JsonObject { ["kind"] = "cluster", ["name"] = null, ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]) });

    private static LuxiClient NewClient(TimeSpan readWrite, int attempts) =>
        RealClusterScripts.NewClient(LuxiOptions.DefaultSocketPath, readWrite, attempts);

    private void Report(string message) => diagnostics.OnMessage(new DiagnosticMessage($"[real ganeti] {message}"));
}

[CollectionDefinition(Name)]
public sealed class RealGanetiCollection : ICollectionFixture<RealGanetiFixture>
{
    public const string Name = "real Ganeti cluster";
}
