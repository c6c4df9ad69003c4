using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Domain.OpCodes;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Simulator;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Benchmarks of the simulated master, over LUXI like a real client.
//   jobs  [count] [submitters]     end-to-end job throughput (submit → success); each job is one
//                                  OP_TEST_DELAY of 1 ms (Ganeti refuses a zero delay)
//   query [instances…]             Query of every instance field and of RAPI's bulk fields, p50
//                                  of 30 runs after 50 warm-up runs (a long-running master; the
//                                  p50 of the first 10 is shown too), and the process's memory,
//                                  per instance count
//   build [instances…]             the same Query of every instance field, built in process
//                                  without a socket (state loaded from SQLite like the master's):
//                                  the master's own share of the time, p50 and fastest of 30 runs
//                                  after 50 warm-up runs, with the bytes allocated and the GC's
//                                  pauses per run
var what = args.Length > 0 ? args[0] : "jobs";
return what switch
{
    "jobs" => await Jobs(args.Length > 1 ? Int(args[1]) : 5000, args.Length > 2 ? Int(args[2]) : 16),
    "query" => await Queries(args.Length > 1 ? [.. args.Skip(1).Select(Int)] : [1000, 10_000, 50_000]),
    "build" => Build(args.Length > 1 ? [.. args.Skip(1).Select(Int)] : [1000, 10_000, 50_000]),
    _ => Usage(),
};

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: Simulator.Bench jobs [count] [submitters] | query [instances…]");
    return 2;
}

static (LuxiClient Client, IAsyncDisposable Master, string Dir) Start(Action<string>? prepare = null)
{
    var dataDir = Path.Combine(Path.GetTempPath(), "sim-bench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(dataDir);
    prepare?.Invoke(dataDir);
    var master = SimulatedMaster.Start(new SimulatorOptions { DataDirectory = dataDir, TimeScale = 0 }, TimeProvider.System, NullLoggerFactory.Instance);
    var options = Options.Create(new LuxiOptions { SocketPath = master.SocketPath });
    return (new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance), master, dataDir);
}

static async Task<int> Jobs(int count, int submitters)
{
    var (client, master, dir) = Start();
    IGanetiJobQueue jobs = new LuxiJobQueue(client);
    var queries = new LuxiQueries(client);
    var clock = Stopwatch.StartNew();
    var next = -1;
    var ids = new Ganeti.Domain.Jobs.JobId[count];
    await Task.WhenAll(Enumerable.Range(0, submitters).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            ids[i] = await jobs.SubmitAsync([new OpTestDelay(0.001)], CancellationToken.None);
        }
    }));
    var submitted = clock.Elapsed;
    var statuses = await queries.QueryJobsAsync([.. ids], ["status"], CancellationToken.None);
    while (statuses.Any(r => r.Values[0]?.GetValue<string>() is not ("success" or "error")))
    {
        await Task.Delay(5);
        statuses = await queries.QueryJobsAsync([.. ids], ["status"], CancellationToken.None);
    }

    var done = clock.Elapsed;
    var failed = statuses.Count(r => r.Values[0]?.GetValue<string>() != "success");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"jobs={count} submitters={submitters} submitted in {submitted.TotalSeconds:0.00} s, all finished in {done.TotalSeconds:0.00} s → {count / done.TotalSeconds:0} jobs/s end to end; failed={failed}"));
    await client.DisposeAsync();
    await master.DisposeAsync();
    Directory.Delete(dir, recursive: true);
    return failed == 0 ? 0 : 1;
}

static async Task<int> Queries(int[] counts)
{
    // The simulator runs as its own process (as in standalone mode) so that its memory is
    // measured alone; answers are read as raw bytes so that only the master's time counts.
    Console.WriteLine($"{"instances",10} {"all fields p50 ms",18} {"(first 10)",11} {"bulk fields p50 ms",19} {"answer MB",10} {"sim RSS MB",11}");
    foreach (var count in counts)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "sim-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        var state = DemoCluster.Create(DateTimeOffset.UtcNow);
        DemoCluster.AddBulkInstances(state, count - state.Instances.Count, DateTimeOffset.UtcNow);
        using (var store = new SimStore(Path.Combine(dataDir, "cluster.db")))
        {
            store.SaveState(state);
        }

        var socket = Path.Combine(dataDir, "luxi.sock");
        var simulator = Process.Start(new ProcessStartInfo("dotnet", [typeof(SimulatedMaster).Assembly.Location, "--data-dir", dataDir, "--sim-time-scale", "0"])
        {
            RedirectStandardOutput = true,
        })!;
        await simulator.StandardOutput.ReadLineAsync(); // "listening on …"
        var fields = JsonNode.Parse(await Raw(socket, """{"method":"QueryFields","args":["instance",null]}"""))!["result"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        string[] bulk = ["name", "admin_state", "os", "pnode", "snodes", "disk_template", "nic.ips", "nic.macs", "nic.modes", "nic.uuids",
            "nic.names", "nic.links", "nic.networks", "nic.networks.names", "nic.bridges", "network_port", "disk.sizes", "disk.spindles",
            "disk_usage", "disk.uuids", "disk.names", "beparams", "hvparams", "oper_state", "oper_ram", "oper_vcpus", "status",
            "custom_hvparams", "custom_beparams", "custom_nicparams", "custom_osparams", "ctime", "mtime", "uuid", "serial_no", "tags"];
        var allRequest = new JsonObject { ["method"] = "Query", ["args"] = new JsonArray("instance", new JsonArray([.. fields.Select(f => (JsonNode)f)]), null) }.ToJsonString();
        var bulkRequest = new JsonObject { ["method"] = "QueryInstances", ["args"] = new JsonArray(new JsonArray(), new JsonArray([.. bulk.Select(f => (JsonNode)f)]), false) }.ToJsonString();
        var all = await Measure(() => Receive(socket, allRequest));
        var rapi = await Measure(() => Receive(socket, bulkRequest));
        var rss = RssMb(simulator.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,10} {all.P50,18:0.0} {all.Cold,11:0.0} {rapi.P50,19:0.0} {all.Bytes / 1e6,10:0.0} {rss,11:0}"));
        simulator.Kill();
        await simulator.WaitForExitAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    return 0;
}

static int Build(int[] counts)
{
    Console.WriteLine($"{"instances",10} {"build p50 ms",13} {"fastest ms",11} {"answer MB",10} {"allocated MB",13} {"GC pause ms",12}");
    foreach (var count in counts)
    {
        var state = DemoCluster.Create(DateTimeOffset.UtcNow);
        DemoCluster.AddBulkInstances(state, count - state.Instances.Count, DateTimeOffset.UtcNow);
        var db = Path.Combine(Path.GetTempPath(), "sim-bench-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        using (var store = new SimStore(db))
        {
            // The master answers from state loaded from its store, not from freshly built objects.
            store.SaveState(state);
            state = store.LoadState()!;
        }

        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*"))
        {
            File.Delete(file);
        }

        var fields = InstanceFields.Create(state).Sorted().Select(f => f.Definition.Name).ToList();
        long bytes = 0;
        var times = new List<double>();
        long allocated = 0;
        var paused = TimeSpan.Zero;
        for (var i = 0; i < 80; i++)
        {
            if (i == 50)
            {
                allocated = GC.GetTotalAllocatedBytes(precise: true);
                paused = GC.GetTotalPauseDuration();
            }

            var started = Stopwatch.GetTimestamp();
            using var answer = QueryRunner.QueryChunks(InstanceFields.Source(state), fields, QueryFilter.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            bytes = answer.Length;
            if (i >= 50)
            {
                times.Add(elapsed);
            }
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        paused = GC.GetTotalPauseDuration() - paused;
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,10} {times[times.Count / 2],13:0.0} {times[0],11:0.0} {bytes / 1e6,10:0.0} {allocated / 1e6 / times.Count,13:0.0} {paused.TotalMilliseconds / times.Count,12:0.0}"));
    }

    return 0;
}

static double RssMb(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

static async Task<byte[]> Raw(string socketPath, string request)
{
    var length = await Receive(socketPath, request);
    return Answers.Buffer.AsSpan(0, length).ToArray();
}

// Sends one request and reads the whole answer into a buffer kept between calls with blocking
// reads of up to 1 MiB (as Ganeti's Python client reads); returns the answer's length
// (without the final 0x03).
static async Task<int> Receive(string socketPath, string request)
{
    using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
    await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
    await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(request + "\u0003"));
    var length = 0;
    while (true)
    {
        if (length == Answers.Buffer.Length)
        {
            Array.Resize(ref Answers.Buffer, Answers.Buffer.Length * 2);
        }

        var read = socket.Receive(Answers.Buffer, length, Math.Min(1 << 20, Answers.Buffer.Length - length), System.Net.Sockets.SocketFlags.None);
        if (read == 0)
        {
            return length;
        }

        var end = Array.IndexOf(Answers.Buffer, (byte)3, length, read);
        if (end >= 0)
        {
            return end;
        }

        length += read;
    }
}

static async Task<(double Cold, double P50, long Bytes)> Measure(Func<Task<int>> call)
{
    // The first queries run while the runtime is still compiling the hot paths (tiered
    // compilation with dynamic PGO rewrites them over the first 20 or so queries of 10,000
    // instances); a long-running master answers with the final code, so the p50 is taken after
    // 50 warm-up queries. The p50 of the first 10 is reported too.
    var bytes = 0;
    var cold = new List<double>();
    for (var i = 0; i < 50; i++)
    {
        var started = Stopwatch.GetTimestamp();
        bytes = await call();
        if (i < 10)
        {
            cold.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    var times = new List<double>();
    for (var i = 0; i < 30; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    cold.Sort();
    times.Sort();
    return (cold[cold.Count / 2], times[times.Count / 2], bytes);
}

/// <summary>The bench client's answer buffer, reused between calls.</summary>
internal static class Answers
{
    public static byte[] Buffer = new byte[1 << 20];
}
