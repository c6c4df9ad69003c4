using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.Store;

// Bulk reads of the RAPI service against a ceiling: Kestrel serving the same bytes from
// memory, in the same run, on the same machine, read by the same client.
//   reads [instances…] [--tls] [--seconds S]   the service on a simulated cluster of that many instances
//   real [--tls] [--seconds S]                 the service with --luxi-socket on the real luxid
//   seed DIR INSTANCES                         a data directory of that many instances, for running the service by hand
// For each target: requests/s and p50 at 1 and 8 connections, the ratio to the ceiling, and
// the service's RSS (the simulator runs inside it) at its peak under 8 readers and 5 s after.
var tls = args.Contains("--tls");
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(double.Parse).FirstOrDefault(10);
int[] Numbers() => [.. args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture))];
return args.FirstOrDefault() switch
{
    "reads" => await Reads(Numbers() is { Length: > 0 } counts ? counts : [1000, 10_000], tls, TimeSpan.FromSeconds(seconds)),
    "real" => await Real(tls, TimeSpan.FromSeconds(seconds)),
    "seed" => Seed(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    _ => Usage(),
};

/// <summary>Writes a data directory with a simulated cluster of that many instances, to run the service on by hand.</summary>
static int Seed(string dataDir, int count)
{
    Directory.CreateDirectory(dataDir);
    var state = DemoCluster.Create(DateTimeOffset.UtcNow);
    DemoCluster.AddBulkInstances(state, count - state.Instances.Count, DateTimeOffset.UtcNow);
    using var store = new SimStore(Path.Combine(dataDir, "cluster.db"));
    store.SaveState(state);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Rapi.Bench reads [instances…] [--tls] [--seconds S] | real [--tls] [--seconds S] | seed DIR INSTANCES");
    return 2;
}

static async Task<int> Reads(int[] counts, bool tls, TimeSpan duration)
{
    Header();
    foreach (var count in counts)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "rapi-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        var state = DemoCluster.Create(DateTimeOffset.UtcNow);
        DemoCluster.AddBulkInstances(state, count - state.Instances.Count, DateTimeOffset.UtcNow);
        using (var store = new SimStore(Path.Combine(dataDir, "cluster.db")))
        {
            store.SaveState(state);
        }

        await Compare($"{count} instances", ["--data-dir", dataDir, "--sim-time-scale", "0"], tls, duration);
        Directory.Delete(dataDir, recursive: true);
    }

    return 0;
}

static async Task<int> Real(bool tls, TimeSpan duration)
{
    Header();
    var dataDir = Path.Combine(Path.GetTempPath(), "rapi-bench-" + Guid.NewGuid().ToString("N")[..8]);
    await Compare("real luxid", ["--data-dir", dataDir, "--luxi-socket"], tls, duration);
    Directory.Delete(dataDir, recursive: true);
    return 0;
}

static void Header() =>
    Console.WriteLine($"{"cluster",-16} {"MB",5} {"conns",5} {"service req/s",13} {"p50 ms",7} {"ceiling req/s",13} {"p50 ms",7} {"ratio",6} {"RSS peak MB",11} {"RSS after MB",12}");

static async Task Compare(string name, string[] serviceArgs, bool tls, TimeSpan duration)
{
    var port = FreePort();
    var api = typeof(Ganeti.Api.Hosting.ServerCertificate).Assembly.Location;
    string[] tlsArgs = tls ? [] : ["--no-ssl"];
    using var service = Process.Start(new ProcessStartInfo("dotnet", [api, "--port", port.ToString(CultureInfo.InvariantCulture), .. tlsArgs, .. serviceArgs])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        Environment = { ["Serilog__MinimumLevel__Default"] = "Warning" },
    })!;
    service.OutputDataReceived += (_, _) => { };
    service.ErrorDataReceived += (_, _) => { };
    service.BeginOutputReadLine();
    service.BeginErrorReadLine();
    try
    {
        var scheme = tls ? "https" : "http";
        using var client = Client(8);
        var serviceUri = new Uri($"{scheme}://127.0.0.1:{port}/2/instances?bulk=1");
        await WaitUntilUp(client, serviceUri);
        var bytes = await client.GetByteArrayAsync(serviceUri);

        // The ceiling: the same bytes from memory through Kestrel, with the same TLS choice.
        var ceilingPort = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, ceilingPort, listen =>
        {
            if (tls)
            {
                var pem = Ganeti.Api.Hosting.ServerCertificate.CreateSelfSignedPem("127.0.0.1");
                listen.UseHttps(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem, pem));
            }
        }));
        await using var ceiling = builder.Build();
        ceiling.MapGet("/2/instances", async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        });
        await ceiling.StartAsync();
        var ceilingUri = new Uri($"{scheme}://127.0.0.1:{ceilingPort}/2/instances?bulk=1");

        foreach (var connections in new[] { 1, 8 })
        {
            await Load(client, serviceUri, connections, TimeSpan.FromSeconds(2)); // warm-up
            var peak = 0.0;
            using var sampler = new CancellationTokenSource();
            var sampling = Task.Run(async () =>
            {
                while (!sampler.IsCancellationRequested)
                {
                    peak = Math.Max(peak, RssMb(service.Id));
                    await Task.Delay(100);
                }
            });
            var ours = await Load(client, serviceUri, connections, duration);
            await sampler.CancelAsync();
            await sampling;
            await Load(client, ceilingUri, connections, TimeSpan.FromSeconds(2));
            var best = await Load(client, ceilingUri, connections, duration);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var after = RssMb(service.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} {bytes.Length / 1e6,5:0.0} {connections,5} {ours.PerSecond,13:0.0} {ours.P50,7:0} {best.PerSecond,13:0.0} {best.P50,7:0} {best.PerSecond / ours.PerSecond,6:0.00} {peak,11:0} {after,12:0}"));
        }

        await ceiling.StopAsync();
    }
    finally
    {
        service.Kill(entireProcessTree: true);
        await service.WaitForExitAsync();
    }
}

static HttpClient Client(int connections) => new(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    AutomaticDecompression = DecompressionMethods.None,
});

static async Task WaitUntilUp(HttpClient client, Uri uri)
{
    var clock = Stopwatch.StartNew();
    while (true)
    {
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
        }

        await Task.Delay(200);
    }
}

/// <summary><paramref name="connections"/> readers requesting one after another for <paramref name="duration"/>; bodies are read and dropped.</summary>
static async Task<(double PerSecond, double P50)> Load(HttpClient client, Uri uri, int connections, TimeSpan duration)
{
    var latencies = new List<double>[connections];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
    {
        var mine = latencies[c] = [];
        var buffer = new byte[81920];
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(buffer) > 0)
            {
            }

            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }));
    var all = latencies.SelectMany(l => l).Order().ToList();
    return (all.Count / clock.Elapsed.TotalSeconds, all[all.Count / 2]);
}

static double RssMb(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    return 0;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
