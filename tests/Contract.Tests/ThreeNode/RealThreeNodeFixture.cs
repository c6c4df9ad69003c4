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

    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(15);
    private readonly List<long> _jobs = [];

    public LuxiClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var problem = await ProbeAsync();
        if (problem is not null)
        {
            Report($"luxid is not answering as {Cluster} ({problem}); running {UpScript}");
            await RunUpScriptAsync();
            problem = await ProbeAsync();
            if (problem is not null)
            {
                throw new InvalidOperationException($"{UpScript} finished, yet the three-node cluster does not answer: {problem}");
            }
        }

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

    public static LuxiClient NewClient(TimeSpan readWrite, int attempts, string socketPath = SocketPath)
    {
        var options = Options.Create(new LuxiOptions
        {
            SocketPath = socketPath,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ReadWriteTimeout = readWrite,
            ConnectAttempts = attempts,
        });
        return new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
    }

    /// <summary>Null when luxid answers as the expected cluster, otherwise what is wrong.</summary>
    private static async Task<string?> ProbeAsync()
    {
        try
        {
            var answer = await NewClient(TimeSpan.FromSeconds(10), attempts: 1)
                .CallAsync("QueryConfigValues", [new JsonArray("cluster_name", "master_node")], CancellationToken.None);
            var cluster = answer?[0]?.GetValue<string>();
            var master = answer?[1]?.GetValue<string>();
            return cluster == Cluster && master == MasterNode
                ? null
                : $"it answers as cluster '{cluster}' with master '{master}'";
        }
        catch (GanetiException ex)
        {
            return ex.Message;
        }
    }

    private async Task RunUpScriptAsync()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, UpScript)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(UpTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{UpScript} did not finish within {UpTimeout.TotalMinutes} minutes. Output:\n{Tail(output)}");
        }

        process.WaitForExit(); // flushes the redirected output
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not bring up the three-node cluster: {UpScript} exited with {process.ExitCode}. Output:\n{Tail(output)}");
        }

        Report($"{UpScript} brought the cluster up in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            return string.Join('\n', output.ToString().Split('\n').TakeLast(40));
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ganeti.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Ganeti.sln not found above {AppContext.BaseDirectory}; cannot locate {UpScript}");
    }

    private void Report(string message) => diagnostics.OnMessage(new DiagnosticMessage($"[real ganeti, three nodes] {message}"));
}

[CollectionDefinition(Name)]
public sealed class RealThreeNodeCollection : ICollectionFixture<RealThreeNodeFixture>
{
    public const string Name = "real three-node Ganeti cluster";
}
