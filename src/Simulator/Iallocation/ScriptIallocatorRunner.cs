using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Iallocation;

/// <summary>
/// Runs installed iallocator scripts (such as Debian's <c>/usr/lib/ganeti/iallocators/hail</c>)
/// the way Ganeti's node daemon does: the input document goes to a temporary file whose path is
/// the script's argument, and the script's standard output is its answer. A script that is not
/// installed, cannot start, fails or takes longer than <see cref="TimeLimit"/> gives no answer.
/// </summary>
public sealed class ScriptIallocatorRunner(string directory) : IIallocatorRunner
{
    /// <summary>Where Debian installs Ganeti's iallocators.</summary>
    public const string DefaultDirectory = "/usr/lib/ganeti/iallocators";

    /// <summary>How long a script may run.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    public string Directory { get; } = directory;

    /// <summary>Whether the script is installed (an existing file in <see cref="Directory"/>).</summary>
    public bool IsInstalled(string name) => name.IndexOfAny(['/', '\\']) < 0 && File.Exists(Path.Combine(Directory, name));

    public IallocatorAnswer? Run(string name, JsonObject input, IReadOnlyList<string> arguments, out string? whyNot)
    {
        if (!IsInstalled(name))
        {
            whyNot = $"iallocator script '{name}' is not installed in {Directory}";
            return null;
        }

        var inputFile = Path.Combine(Path.GetTempPath(), $"ganeti-ialloc-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(inputFile, input.ToJsonString());
            var start = new ProcessStartInfo(Path.Combine(Directory, name))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(inputFile);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                whyNot = $"iallocator script '{name}' did not start";
                return null;
            }

            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeLimit))
            {
                process.Kill(entireProcessTree: true);
                whyNot = $"iallocator script '{name}' did not answer within {TimeLimit.TotalSeconds:0} seconds";
                return null;
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                whyNot = $"iallocator script '{name}' failed (exit code {process.ExitCode}): {stderr.Result.Trim()}";
                return null;
            }

            return IallocatorAnswer.Parse(stdout.Result, out whyNot);
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException)
        {
            whyNot = $"iallocator script '{name}' could not be run: {e.Message}";
            return null;
        }
        finally
        {
            File.Delete(inputFile);
        }
    }
}
