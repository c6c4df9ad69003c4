using System.Diagnostics;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Luxi;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// Kills a real simulator process with SIGKILL in the middle of a burst of jobs, restarts it
/// on the same data directory and checks that every job whose id was returned is there and
/// the store is intact.
/// </summary>
public sealed class CrashDurabilityTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "sim-kill-" + Guid.NewGuid().ToString("N")[..8]);

    private string Socket => Path.Combine(_dataDir, "luxi.sock");

    [Theory]
    [InlineData(150)]
    [InlineData(400)]
    public async Task SigKillDuringBurst_LosesNoAcknowledgedJob(int killAfterMs)
    {
        using (var first = StartSimulator())
        {
            await WaitForSocketAsync();
            var acknowledged = new List<long>();
            var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var client = Client();
            using var burst = new CancellationTokenSource();
            var submitters = Enumerable.Range(0, 4).Select(async _ =>
            {
                while (!burst.IsCancellationRequested)
                {
                    try
                    {
                        var ops = new JsonArray(
                            new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_INSTANCE_REBOOT", ["instance_name"] = "web1", ["reboot_type"] = "hard" },
                            new JsonObject { ["reason"] = new JsonArray(), ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = 0.001 });
                        var id = await client.CallAsync(LuxiMethods.SubmitJob, [ops], CancellationToken.None);
                        lock (acknowledged)
                        {
                            acknowledged.Add(id!.GetValue<long>());
                            if (acknowledged.Count >= 3)
                            {
                                underWay.TrySetResult();
                            }
                        }
                    }
                    catch (GanetiException)
                    {
                        return; // the process is gone
                    }
                }
            }).ToList();

            // Kill while the burst is under way: once three jobs have been acknowledged (however
            // long a loaded machine takes to get there; a submitter that ends early means the
            // process is gone, which the wait reports), then killAfterMs later.
            var ended = Task.WhenAll(submitters);
            var first3 = await Task.WhenAny(underWay.Task, ended).WaitAsync(TimeSpan.FromMinutes(3));
            first3.Should().BeSameAs(underWay.Task, "the simulator acknowledges jobs before it is killed");
            await Task.Delay(killAfterMs);
            first.Kill(); // SIGKILL
            await first.WaitForExitAsync();
            await burst.CancelAsync();
            await Task.WhenAll(submitters);

            acknowledged.Should().NotBeEmpty("jobs were submitted before the kill");

            using var second = StartSimulator();
            await WaitForSocketAsync();
            var rows = (await Client().CallAsync(LuxiMethods.QueryJobs, [new JsonArray([.. acknowledged.Select(i => (JsonNode)i)]), new JsonArray("id", "status")], CancellationToken.None))!.AsArray();
            rows.Should().HaveCount(acknowledged.Count);
            rows.Should().AllSatisfy(r => r![1].Should().NotBeNull("job {0} was acknowledged", r![0]));

            // Every job ends: queued ones run after the restart, running ones end in error.
            foreach (var id in acknowledged)
            {
                var status = await WaitFinishedAsync(id);
                status.Should().BeOneOf("success", "error");
            }

            var instances = (await Client().CallAsync(LuxiMethods.QueryInstances, [new JsonArray(), new JsonArray("name", "admin_state"), false], CancellationToken.None))!.AsArray();
            instances.Count.Should().BeGreaterThanOrEqualTo(6);

            second.Kill();
            await second.WaitForExitAsync();
        }

        using var db = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "cluster.db")}");
        db.Open();
        using var check = db.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        check.ExecuteScalar().Should().Be("ok");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private Process StartSimulator()
    {
        var dll = typeof(SimulatedMaster).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--data-dir", _dataDir, "--sim-time-scale", "0.02"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private LuxiClient Client()
    {
        var options = Options.Create(new LuxiOptions { SocketPath = Socket, ConnectAttempts = 1, PoolSize = 0, ReadWriteTimeout = TimeSpan.FromSeconds(20) });
        return new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
    }

    /// <summary>Waits until the simulator's socket answers a query, or a deadline passes.</summary>
    private async Task WaitForSocketAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                await Client().CallAsync(LuxiMethods.QueryConfigValues, [new JsonArray("cluster_name")], CancellationToken.None);
                return;
            }
            catch (GanetiException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private Task<string> WaitFinishedAsync(long id) =>
        JobWait.UntilEndAsync(args => Client().CallAsync(LuxiMethods.WaitForJobChange, new JsonArray(args), CancellationToken.None).AsTask(), id);
}
