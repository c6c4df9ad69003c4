using System.Diagnostics;
using System.Globalization;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Compares LUXI connection strategies against the simulated master on a local Unix socket:
// a new connection per call (PoolSize 0) and pools of idle connections for read-only calls.
//   dotnet run -c Release --project bench/Luxi.Bench -- [requests] [concurrency…]
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
int[] concurrencies = args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [1, 16, 64];
var dataDir = Path.Combine(Path.GetTempPath(), "luxi-bench-" + Guid.NewGuid().ToString("N")[..8]);
await using var master = SimulatedMaster.Start(new SimulatorOptions { DataDirectory = dataDir, TimeScale = 0 }, TimeProvider.System, NullLoggerFactory.Instance);

Console.WriteLine($"{"strategy",-10} {"conc",5} {"req/s",10} {"p50 ms",8} {"p99 ms",8}");
foreach (var concurrency in concurrencies)
{
    foreach (var pool in new[] { 0, 4, concurrency })
    {
        var options = Options.Create(new LuxiOptions { SocketPath = master.SocketPath, PoolSize = pool });
        await using var client = new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
        var queries = new LuxiQueries(client);
        await queries.QueryConfigValuesAsync(["cluster_name"], CancellationToken.None); // warm-up
        var latencies = new double[requests];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var t = Stopwatch.GetTimestamp();
                await queries.QueryConfigValuesAsync(["cluster_name", "master_node"], CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }));
        clock.Stop();
        Array.Sort(latencies);
        var name = pool == 0 ? "per-call" : $"pool {pool}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} {concurrency,5} {requests / clock.Elapsed.TotalSeconds,10:0} {latencies[requests / 2],8:0.000} {latencies[(int)(requests * 0.99)],8:0.000}"));
    }
}

Directory.Delete(dataDir, recursive: true);
