using System.Diagnostics;
using System.Globalization;
using Ganeti.Application.Abstractions;
using Ganeti.Domain.OpCodes;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Job throughput of the simulated master, end to end over LUXI: submit → success.
// Each job is one OP_TEST_DELAY of 1 ms (Ganeti refuses a zero delay).
//   dotnet run -c Release --project bench/Simulator.Bench -- jobs [count] [submitters]
var what = args.Length > 0 ? args[0] : "jobs";
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
var submitters = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
if (what != "jobs")
{
    Console.Error.WriteLine("usage: Simulator.Bench jobs [count] [submitters]");
    return 2;
}

var dataDir = Path.Combine(Path.GetTempPath(), "sim-bench-" + Guid.NewGuid().ToString("N")[..8]);
await using (var master = SimulatedMaster.Start(new SimulatorOptions { DataDirectory = dataDir, TimeScale = 0 }, TimeProvider.System, NullLoggerFactory.Instance))
{
    var options = Options.Create(new LuxiOptions { SocketPath = master.SocketPath });
    await using var client = new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance);
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

    // Wait until the last job is finished, then check every job succeeded.
    while (true)
    {
        var rows = await queries.QueryJobsAsync([ids.MaxBy(id => id.Value)], ["status"], CancellationToken.None);
        if (rows[0].Values[0]?.GetValue<string>() is "success" or "error")
        {
            break;
        }

        await Task.Delay(5);
    }

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
}

Directory.Delete(dataDir, recursive: true);
return 0;
