using System.Diagnostics;
using Ganeti.Infrastructure.Luxi;

namespace Ganeti.Contract.Tests.Cli;

/// <summary>
/// Runs Ganeti's command-line tools in the real cluster's network and UTS namespaces (with the
/// node's hostname; ssconf is the host's), against the real master or against a simulator:
/// for the latter, a private mount namespace bind-mounts the simulator's socket over luxid's,
/// so the tools take the simulator for the master.
/// </summary>
public static class GanetiCommands
{
    /// <summary>Runs a Ganeti command against the real master; returns its output and error, checking its exit code.</summary>
    public static Task<string> OnRealMasterAsync(int exitCode, params string[] command) =>
        RunAsync(exitCode, "ip", ["netns", "exec", RealGanetiFixture.NetworkNamespace, "nsenter", "--uts=" + RealGanetiFixture.UtsNamespace, "--", .. command]);

    /// <summary>Runs a Ganeti command against the simulator listening on <paramref name="socket"/>.</summary>
    public static Task<string> OnSimulatorAsync(string socket, int exitCode, params string[] command)
    {
        const string Script = """mount --bind "$1" "$2" && exec ip netns exec "$3" nsenter --uts="$4" -- "${@:5}" """;
        return RunAsync(exitCode, "unshare", ["-m", "--propagation", "private", "bash", "-c", Script, "bash",
            socket, LuxiOptions.DefaultSocketPath, RealGanetiFixture.NetworkNamespace, RealGanetiFixture.UtsNamespace, .. command]);
    }

    /// <summary>Runs a program; returns its output and error, checking its exit code.</summary>
    public static async Task<string> RunAsync(int exitCode, string program, params string[] arguments)
    {
        var run = await RunForExitAsync(program, arguments);
        var text = run.Output + run.Error;
        run.ExitCode.Should().Be(exitCode, $"'{string.Join(' ', [program, .. arguments])}' printed: {text}");
        return text;
    }

    /// <summary>Runs a program; returns its exit code, output and error, whatever the exit code.</summary>
    public static async Task<ProgramRun> RunForExitAsync(string program, string[] arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            // Once the process is gone its pipes end: what it printed says where it stood.
            var printed = await error + await output;
            throw new TimeoutException($"'{program}' did not exit within {limit}; the end of what it printed:\n{printed[^Math.Min(printed.Length, 4000)..]}");
        }

        return new ProgramRun(process.ExitCode, await output, await error);
    }

    /// <summary>The lines of a table, with runs of spaces made one.</summary>
    public static string[] Rows(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))];
}

/// <summary>How a program ended: its exit code, standard output and standard error.</summary>
public sealed record ProgramRun(int ExitCode, string Output, string Error);
