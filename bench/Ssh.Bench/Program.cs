using System.Diagnostics;
using System.Globalization;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Infrastructure.Ssh;
using Ganeti.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// LUXI over SSH against the simulated master, through an sshd on this machine (started by
// hand, see docs/adr/0008-ssh-transport.md): a new channel per call (exec socat each time),
// pooled channels, and a new SSH connection per call; the local Unix socket for comparison.
//   dotnet run -c Release --project bench/Ssh.Bench -- HOST:PORT KEY KNOWN_HOSTS [requests] [concurrency…]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Ssh.Bench HOST:PORT KEY KNOWN_HOSTS [requests] [concurrency…]");
    return 2;
}

var node = args[0];
var requests = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
int[] concurrencies = args.Length > 4 ? [.. args.Skip(4).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [1, 16];
var dataDir = Path.Combine(Path.GetTempPath(), "ssh-bench-" + Guid.NewGuid().ToString("N")[..8]);
await using var master = SimulatedMaster.Start(new SimulatorOptions { DataDirectory = dataDir, TimeScale = 0 }, TimeProvider.System, NullLoggerFactory.Instance);
var masterFile = Path.Combine(dataDir, "ssconf_master_node");
File.WriteAllText(masterFile, SshNode.Parse(node, 22).Host + "\n");
var ssh = new SshOptions
{
    Nodes = node,
    User = Environment.UserName,
    KeyFile = args[1],
    KnownHostsFile = args[2],
    RemoteSocket = master.SocketPath,
    MasterNodeFile = masterFile,
};

Console.WriteLine($"{"strategy",-22} {"conc",5} {"calls",6} {"req/s",9} {"p50 ms",8} {"p99 ms",8}");
foreach (var concurrency in concurrencies)
{
    var unix = Options.Create(new LuxiOptions { SocketPath = master.SocketPath, PoolSize = concurrency });
    await Run("unix socket, pooled", concurrency, requests, () => new UnixSocketTransport(unix), unix.Value);
    await Run("ssh, channel per call", concurrency, Math.Min(requests, 50 * concurrency), () => new SshTransport(Options.Create(ssh), NullLogger<SshTransport>.Instance), new LuxiOptions { PoolSize = 0 });
    await Run("ssh, pooled channels", concurrency, requests, () => new SshTransport(Options.Create(ssh), NullLogger<SshTransport>.Instance), new LuxiOptions { PoolSize = concurrency });
}

// A new SSH connection for every call: what the transport avoids by keeping one open.
var fresh = new double[20];
for (var i = 0; i < fresh.Length; i++)
{
    using var transport = new SshTransport(Options.Create(ssh), NullLogger<SshTransport>.Instance);
    await using var client = new LuxiClient(transport, Options.Create(new LuxiOptions { PoolSize = 0 }), NullLogger<LuxiClient>.Instance);
    var t = Stopwatch.GetTimestamp();
    await new LuxiQueries(client).QueryConfigValuesAsync(["cluster_name", "master_node"], CancellationToken.None);
    fresh[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
}

Print("ssh, connection per call", 1, fresh, fresh.Sum() / 1000);
Directory.Delete(dataDir, recursive: true);
return 0;

static async Task Run(string name, int concurrency, int calls, Func<ILuxiTransport> transportFactory, LuxiOptions luxi)
{
    var transport = transportFactory();
    await using var client = new LuxiClient(transport, Options.Create(luxi), NullLogger<LuxiClient>.Instance);
    var queries = new LuxiQueries(client);
    await queries.QueryConfigValuesAsync(["cluster_name"], CancellationToken.None); // connect (and discover) first
    var latencies = new double[calls];
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < calls)
        {
            var t = Stopwatch.GetTimestamp();
            await queries.QueryConfigValuesAsync(["cluster_name", "master_node"], CancellationToken.None);
            latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
    }));
    Print(name, concurrency, latencies, clock.Elapsed.TotalSeconds);
    (transport as IDisposable)?.Dispose();
}

static void Print(string name, int concurrency, double[] latencies, double seconds)
{
    Array.Sort(latencies);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-22} {concurrency,5} {latencies.Length,6} {latencies.Length / seconds,9:0.0} {latencies[latencies.Length / 2],8:0.00} {latencies[(int)(latencies.Length * 0.99)],8:0.00}"));
}
