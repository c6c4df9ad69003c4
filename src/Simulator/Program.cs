using System.Globalization;
using Ganeti.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

// Standalone mode: serve the simulated cluster on a LUXI socket until Ctrl-C or SIGTERM.
//   Ganeti.Simulator --data-dir DIR [--socket PATH] [--sim-time-scale FACTOR] [--seed demo|reference|reference3]
var options = new SimulatorOptions();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--data-dir":
            options.DataDirectory = Value();
            break;
        case "--socket":
            options.SocketPath = Value();
            break;
        case "--seed":
            options.Seed = Value();
            break;
        case "--sim-time-scale":
            options.TimeScale = double.Parse(Value(), CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

await using var master = SimulatedMaster.Start(options, TimeProvider.System, NullLoggerFactory.Instance);
Console.WriteLine($"simulated master listening on {master.SocketPath}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
