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
//   mixed [--tls] [--seconds S] [--clients N]   N keep-alive clients (64) mixing reads, job submissions and long polls,
//                                              then 2,000 stalled connections and 20 stalled 10 MB bodies; errors,
//                                              p50/p99 and the service's RSS before, at the peak and after each storm
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
    "mixed" => await Mixed(tls, TimeSpan.FromSeconds(seconds), args.SkipWhile(a => a != "--clients").Skip(1).Select(int.Parse).FirstOrDefault(64)),
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

/// <summary>
/// Keep-alive clients each running a mix (6 reads, 2 job submissions, 2 long polls in 10)
/// for the duration; then storms of stalled connections and stalled bodies. Every answer other
/// than the expected 200 counts as an error.
/// </summary>
static async Task<int> Mixed(bool tls, TimeSpan duration, int clients)
{
    var dataDir = Path.Combine(Path.GetTempPath(), "rapi-bench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(dataDir);
    var users = Path.Combine(dataDir, "users");
    File.WriteAllText(users, "bench benchpass write\n");
    var port = FreePort();
    using var service = StartService(port, tls, ["--data-dir", dataDir, "--users-file", users, "--sim-time-scale", "0.01"]);
    try
    {
        var scheme = tls ? "https" : "http";
        var baseUri = new Uri($"{scheme}://127.0.0.1:{port}");
        using var client = Client(clients);
        client.BaseAddress = baseUri;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("bench:benchpass"u8.ToArray()));
        await WaitUntilUp(client, new Uri(baseUri, "/2/info"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = RssMb(service.Id);

        string[] reads = ["/2/info", "/2/instances?bulk=1", "/2/nodes?bulk=1", "/2/instances/web1.example.com", "/2/groups?bulk=1", "/2/jobs"];
        string[] instances = ["web1.example.com", "web2.example.com", "db1.example.com", "files1.example.com", "cache1.example.com"];
        var latencies = new List<double>[clients];
        var errors = 0;
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var peak = 0.0;
        var clock = Stopwatch.StartNew();
        using var sampler = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!sampler.IsCancellationRequested)
            {
                peak = Math.Max(peak, RssMb(service.Id));
                await Task.Delay(100);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            long lastJob = 0;
            for (var i = c; clock.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var request = (i % 10) switch
                    {
                        < 6 => new HttpRequestMessage(HttpMethod.Get, reads[i % reads.Length]),
                        < 8 => new HttpRequestMessage(HttpMethod.Put, $"/2/instances/{instances[i % instances.Length]}/tags?tag=bench{c}x{i % 3}"),
                        _ when lastJob == 0 => new HttpRequestMessage(HttpMethod.Get, "/2/jobs"),
                        _ => new HttpRequestMessage(HttpMethod.Get, $"/2/jobs/{lastJob}/wait")
                        {
                            // Exactly "application/json", as Ganeti's client sends it: ganeti-rapi refuses
                            // any other Content-Type (a charset parameter included) with 415.
                            Content = new ByteArrayContent("""{"fields": ["status"], "previous_job_info": ["queued"], "previous_log_serial": 0}"""u8.ToArray())
                            {
                                Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
                            },
                        },
                    };
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        failures.AddOrUpdate(System.Text.RegularExpressions.Regex.Replace($"{(int)response.StatusCode} {request.Method} {request.RequestUri?.OriginalString.Split('?')[0]}: {body[..Math.Min(body.Length, 160)]}", "[0-9]+", "N"), 1, (_, n) => n + 1);
                        continue;
                    }

                    if (request.Method == HttpMethod.Put)
                    {
                        lastJob = long.Parse(body, CultureInfo.InvariantCulture);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref errors);
                    failures.AddOrUpdate(e.Message, 1, (_, n) => n + 1);
                    continue;
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed;
        await sampler.CancelAsync();
        await sampling;
        await Task.Delay(TimeSpan.FromSeconds(5));
        var afterLoad = RssMb(service.Id);
        var all = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mixed: {clients} clients, {elapsed.TotalSeconds:0} s, {all.Count} answers ({all.Count / elapsed.TotalSeconds:0}/s), {errors} errors, p50 {all[all.Count / 2]:0.0} ms, p99 {all[(int)(all.Count * 0.99)]:0.0} ms; RSS before {before:0} MB, peak {peak:0} MB, 5 s after {afterLoad:0} MB"));

        foreach (var (failure, count) in failures.OrderByDescending(f => f.Value).Take(10))
        {
            Console.WriteLine($"  {count} × {failure}");
        }

        // 2,000 connections that send half a request line and stop.
        var stalled = new List<TcpClient>();
        for (var i = 0; i < 2000; i++)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            await tcp.GetStream().WriteAsync("GET /2/info HT"u8.ToArray());
            stalled.Add(tcp);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var held = RssMb(service.Id);
        using (var check = await client.GetAsync("/2/info"))
        {
            Console.WriteLine($"while 2,000 connections stall: /2/info answers {(int)check.StatusCode}");
        }

        stalled.ForEach(t => t.Dispose());
        await Task.Delay(TimeSpan.FromSeconds(5));
        var released = RssMb(service.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stalled connections: RSS {held:0} MB while held, {released:0} MB 5 s after"));

        // 20 uploads that declare 10 MB and stop 1,000 bytes short.
        var chunk = new byte[1024 * 1024];
        var uploads = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            var head = $"PUT /2/instances/web1.example.com/tags?tag=x HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {Convert.ToBase64String("bench:benchpass"u8.ToArray())}\r\nContent-Type: application/json\r\nContent-Length: {10 * 1024 * 1024}\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
            for (var m = 0; m < 9; m++)
            {
                await stream.WriteAsync(chunk);
            }

            await stream.WriteAsync(chunk.AsMemory(0, chunk.Length - 1000));
            return tcp;
        }));
        var stuck = RssMb(service.Id);
        var answered = 0;
        var wait = Stopwatch.StartNew();
        await Task.WhenAll(uploads.Select(async tcp =>
        {
            var buffer = new byte[4096];
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                var read = await tcp.GetStream().ReadAsync(buffer, limit.Token);
                if (read > 0 && System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 408", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref answered);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
        }));
        var closedAfter = wait.Elapsed;
        uploads.ToList().ForEach(t => t.Dispose());
        await Task.Delay(TimeSpan.FromSeconds(5));
        var afterBodies = RssMb(service.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stalled bodies: {answered} of 20 answered 408 within {closedAfter.TotalSeconds:0.0} s; RSS {stuck:0} MB while stalled, {afterBodies:0} MB 5 s after"));
        // The jobs the load submitted may still be running; once the service is quiet, what it keeps.
        await Task.Delay(TimeSpan.FromSeconds(30));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"30 s later: RSS {RssMb(service.Id):0} MB"));
        return errors == 0 ? 0 : 1;
    }
    finally
    {
        service.Kill(entireProcessTree: true);
        await service.WaitForExitAsync();
        Directory.Delete(dataDir, recursive: true);
    }
}

static int Usage()
{
    Console.Error.WriteLine("usage: Rapi.Bench reads [instances…] [--tls] [--seconds S] | real [--tls] [--seconds S] | seed DIR INSTANCES | mixed [--tls] [--seconds S] [--clients N]");
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
    using var service = StartService(port, tls, serviceArgs);
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

/// <summary>The service as its own process on <paramref name="port"/>, logging warnings only (its output is read and dropped).</summary>
static Process StartService(int port, bool tls, string[] serviceArgs)
{
    var api = typeof(Ganeti.Api.Hosting.ServerCertificate).Assembly.Location;
    string[] tlsArgs = tls ? [] : ["--no-ssl"];
    var service = Process.Start(new ProcessStartInfo("dotnet", [api, "--port", port.ToString(CultureInfo.InvariantCulture), .. tlsArgs, .. serviceArgs])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        Environment =
        {
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__MinimumLevel__Override__Ganeti.Api.Hosting.IdleMemoryReclaimer"] = "Information",
        },
    })!;
    service.OutputDataReceived += (_, e) =>
    {
        // The service giving memory back when it falls quiet (ADR 0016) is part of what the storms measure.
        if (e.Data?.Contains("Idle after a burst", StringComparison.Ordinal) == true)
        {
            Console.WriteLine("  service: " + e.Data);
        }
    };
    service.ErrorDataReceived += (_, _) => { };
    service.BeginOutputReadLine();
    service.BeginErrorReadLine();
    return service;
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
