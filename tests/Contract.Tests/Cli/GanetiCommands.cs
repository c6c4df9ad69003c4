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

    /// <summary>
    /// Runs a Ganeti command against the simulator on <paramref name="socket"/> after proving, in
    /// the same mount namespace, that the tools reach it: <see cref="SimulatorMark.ProofCommand"/>
    /// must print the mark's summary, or the run fails as "not the simulator" (a bind mount that
    /// silently did not take effect would leave both sides of a differential on the real master).
    /// </summary>
    public static Task<string> OnMarkedSimulatorAsync(SimulatorMark mark, string socket, int exitCode, params string[] command) =>
        RunProvedAsync(mark, socket, expectSimulator: true, exitCode, command);

    /// <summary>
    /// Runs a Ganeti command against the real master after proving that the tools do not reach the
    /// simulator: the mark's summary must not be printed, or the run fails as "the simulator".
    /// </summary>
    public static Task<string> OnProvedRealMasterAsync(SimulatorMark mark, int exitCode, params string[] command) =>
        RunProvedAsync(mark, null, expectSimulator: false, exitCode, command);

    /// <summary>
    /// With <paramref name="socket"/>, bind-mounts it over luxid's socket in a private mount
    /// namespace; then runs the proof and the command there. The proof's answer must show the
    /// master <paramref name="expectSimulator"/> names; it is left out of the returned text.
    /// </summary>
    internal static async Task<string> RunProvedAsync(SimulatorMark mark, string? socket, bool expectSimulator, int exitCode, string[] command)
    {
        const string Script = """
            if [ -n "$1" ]; then mount --bind "$1" "$2" || exit 97; fi
            proof=$(ip netns exec "$3" nsenter --uts="$4" -- gnt-job list --no-headers -o summary "$5" 2>&1)
            printf 'proof: %s\n' "${proof//$'\n'/ }"
            exec ip netns exec "$3" nsenter --uts="$4" -- "${@:6}"
            """;
        var run = await RunForExitAsync("unshare", ["-m", "--propagation", "private", "bash", "-c", Script, "bash",
            socket ?? string.Empty, LuxiOptions.DefaultSocketPath, RealGanetiFixture.NetworkNamespace, RealGanetiFixture.UtsNamespace, mark.ProofCommand[^1], .. command]);
        var lines = run.Output.Split('\n', 2);
        var proof = lines[0].StartsWith("proof: ", StringComparison.Ordinal) ? lines[0]["proof: ".Length..].Trim() : null;
        var what = string.Join(' ', command);
        var reached = proof == mark.Summary;
        if (expectSimulator && !reached)
        {
            throw new Xunit.Sdk.XunitException($"not the simulator: the tools that were to run '{what}' on the simulator printed '{proof}' for job {mark.JobId} instead of '{mark.Summary}' ({run.Output}{run.Error})");
        }

        if (!expectSimulator && (reached || proof is null))
        {
            throw new Xunit.Sdk.XunitException($"not the real master: the tools that were to run '{what}' on the real master printed '{proof}' for job {mark.JobId} ({run.Output}{run.Error})");
        }

        var text = (lines.Length > 1 ? lines[1] : string.Empty) + run.Error;
        run.ExitCode.Should().Be(exitCode, $"'{what}' printed: {text}");
        return text;
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
