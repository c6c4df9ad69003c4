using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Infrastructure.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Contract.Tests;

/// <summary>
/// What the real-cluster fixtures share: a LUXI client on a master's socket, the probe that
/// tells whether that master answers as the expected cluster, and running a bring-up script of
/// <c>scripts/real-ganeti</c> with its output kept for the failure message.
/// </summary>
public static class RealClusterScripts
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(15);

    public static LuxiClient NewClient(string socketPath, TimeSpan readWrite, int attempts)
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

    /// <summary>Null when the master on <paramref name="socketPath"/> answers as that cluster with that master node and every node lists its exports, otherwise what is wrong.</summary>
    private static async Task<string?> ProbeAsync(string socketPath, string cluster, string master)
    {
        try
        {
            var client = NewClient(socketPath, TimeSpan.FromSeconds(10), attempts: 1);
            var answer = await client.CallAsync("QueryConfigValues", [new JsonArray("cluster_name", "master_node")], CancellationToken.None);
            var name = answer?[0]?.GetValue<string>();
            var node = answer?[1]?.GetValue<string>();
            if (name != cluster || node != master)
            {
                return $"it answers as cluster '{name}' with master '{node}'";
            }

            // A node that cannot list its exports (no export directory, or its node daemon
            // down) answers a row [node, null]; the bring-up script repairs both.
            var exports = await client.CallAsync("QueryExports", [new JsonArray(), false], CancellationToken.None);
            var failed = (exports as JsonArray ?? []).Where(row => row?[1] is null).Select(row => row?[0]?.ToString()).ToList();
            return failed.Count == 0 ? null : $"node(s) {string.Join(", ", failed)} cannot list their exports";
        }
        catch (GanetiException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Makes sure the master on <paramref name="socketPath"/> answers as that cluster: if it does
    /// not, runs <paramref name="script"/> once and probes again; throws with what is wrong when
    /// the cluster still does not answer.
    /// </summary>
    public static async Task EnsureUpAsync(string socketPath, string cluster, string master, string script, string what, Action<string> report)
    {
        var problem = await ProbeAsync(socketPath, cluster, master);
        if (problem is null)
        {
            return;
        }

        report($"luxid is not answering as {cluster} ({problem}); running {script}");
        var took = await RunAsync(script, what);
        report($"{script} brought the cluster up in {took.TotalSeconds:0.0} s");
        problem = await ProbeAsync(socketPath, cluster, master);
        if (problem is not null)
        {
            throw new InvalidOperationException($"{script} finished, yet {what} does not answer: {problem}");
        }
    }

    /// <summary>Runs a script (a path from the repository's root); answers how long it took, or throws with the end of its output.</summary>
    public static async Task<TimeSpan> RunAsync(string script, string what)
    {
        var root = RepositoryRoot(script);
        var start = new ProcessStartInfo("bash", [Path.Combine(root, script)])
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
            throw new InvalidOperationException($"{script} did not finish within {UpTimeout.TotalMinutes} minutes. Output:\n{Tail(output)}");
        }

        process.WaitForExit(); // flushes the redirected output
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not bring up {what}: {script} exited with {process.ExitCode}. Output:\n{Tail(output)}");
        }

        return clock.Elapsed;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            return string.Join('\n', output.ToString().Split('\n').TakeLast(40));
        }
    }

    private static string RepositoryRoot(string script)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ganeti.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Ganeti.sln not found above {AppContext.BaseDirectory}; cannot locate {script}");
    }
}
