using System.Runtime.InteropServices;
using SharpFuzz;

namespace Ganeti.Fuzz;

/// <summary>
/// <c>Ganeti.Fuzz run TARGET FILE</c> runs TARGET under afl-fuzz on the input it writes to FILE (SharpFuzz's fork server, in process; the
/// service's assemblies instrumented beforehand by the <c>sharpfuzz</c> tool, see scripts/fuzz.sh);
/// <c>Ganeti.Fuzz routes</c> prints the route each first byte picks in the request targets;
/// <c>Ganeti.Fuzz replay TARGET FILE…</c> runs TARGET once on each file and prints the exceptions.
/// </summary>
public static class FuzzProgram
{
    public static int Main(string[] args)
    {
        // Instrumented code counts its branches in a map from its first instruction; afl-fuzz's
        // map is attached only by Fuzzer.Run, so until then (and in replays) a scratch one takes them.
        unsafe
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(1 << 16);
        }

        switch (args)
        {
            case ["run", var name, var file] when Targets.All.TryGetValue(name, out var target):
                // The input is read from FILE (afl-fuzz's @@) rather than from standard input: the
                // request targets' host has a reader of standard input that would take it first.
                target([]); // starts what the target needs (the request targets' service) before the first timed run
                Fuzzer.Run((Stream _) => target(File.ReadAllBytes(file)));
                return 0;

            case ["coverage", var name, var file] when Targets.All.TryGetValue(name, out var target):
                // How many map cells one run sets (the instrumented copy only): a check that the
                // target reaches instrumented code.
                target([]);
                unsafe
                {
                    new Span<byte>(SharpFuzz.Common.Trace.SharedMem, 1 << 16).Clear();
                    target(File.ReadAllBytes(file));
                    var cells = 0;
                    foreach (var cell in new ReadOnlySpan<byte>(SharpFuzz.Common.Trace.SharedMem, 1 << 16))
                    {
                        cells += cell == 0 ? 0 : 1;
                    }

                    Console.WriteLine($"{cells} map cells set");
                }

                return 0;

            case ["routes"]:
                for (var i = 0; i < 256; i++)
                {
                    var (method, path) = RequestTarget.RouteOf([(byte)i]);
                    Console.WriteLine($"{i}\t{method}\t{path}");
                }

                return 0;

            case ["replay", var name, .. var files] when Targets.All.TryGetValue(name, out var target):
                var failed = 0;
                foreach (var file in files)
                {
                    try
                    {
                        target(File.ReadAllBytes(file));
                    }
                    catch (Exception e)
                    {
                        failed++;
                        Console.WriteLine($"{file}: {e}");
                    }
                }

                Console.WriteLine($"{files.Length - failed} of {files.Length} inputs passed");
                return failed == 0 ? 0 : 1;

            default:
                Console.Error.WriteLine($"usage: Ganeti.Fuzz run TARGET FILE | coverage TARGET FILE | routes | replay TARGET FILE…; targets: {string.Join(", ", Targets.All.Keys)}");
                return 2;
        }
    }
}
