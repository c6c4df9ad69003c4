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
        var command = string.Join(' ', [program, .. arguments]);
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output + await error;
        process.ExitCode.Should().Be(exitCode, $"'{command}' printed: {text}");
        return text;
    }

    /// <summary>The lines of a table, with runs of spaces made one.</summary>
    public static string[] Rows(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))];
}
