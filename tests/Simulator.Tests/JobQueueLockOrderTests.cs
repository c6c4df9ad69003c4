using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// Executors write their job log while they hold the cluster state's lock; the queue reads
/// and changes filter rules, which live in the cluster state, under its own lock. The two
/// must be taken in one order, or the queue stops for good (every LUXI call on a job waits).
/// Each test holds the state's lock with an iallocator that runs until the test releases it,
/// makes the queue want that lock meanwhile, and checks that everything then finishes.
/// </summary>
public sealed class JobQueueLockOrderTests : IAsyncLifetime
{
    private const string CreateWithSlowIallocator =
        """{"instance_name":"slow.example.com","disk_template":"diskless","disks":[],"nics":[{}],"os_type":"debootstrap+default","mode":"create","iallocator":"slowalloc","beparams":{"maxmem":128,"minmem":128},"name_check":false,"ip_check":false,"start":false,"wait_for_sync":false}""";

    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _scripts = Directory.CreateTempSubdirectory("slow-ialloc-");
    private SimulatorFixture _sim = null!;

    /// <summary>Set when the queue stopped: stopping the simulator would then wait forever too.</summary>
    private bool _deadlocked;

    private string Started => Path.Combine(_scripts.FullName, "started");

    private string Release => Path.Combine(_scripts.FullName, "release");

    public async Task InitializeAsync()
    {
        // Says when it runs, waits to be released, then names a node that does not exist: the
        // creation asks it while holding the state's lock and logs a warning about the answer
        // before it lets go.
        var script = Path.Combine(_scripts.FullName, "slowalloc");
        await File.WriteAllTextAsync(script, string.Join('\n',
            "#!/bin/sh",
            $"touch '{Started}'",
            $"while [ ! -e '{Release}' ]; do sleep 0.05; done",
            """echo '{"success": true, "info": "", "result": ["nosuch.example.com"]}'""",
            string.Empty));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _sim = new SimulatorFixture(maxRunningJobs: 2, iallocatorDirectory: _scripts.FullName);
    }

    public async Task DisposeAsync()
    {
        if (!_deadlocked)
        {
            await _sim.DisposeAsync();
        }

        _scripts.Delete(recursive: true);
    }

    [Fact]
    public async Task AJobAdmittedWhileAnotherHoldsTheStateLock_Runs_AndTheOtherLogsAndFinishes()
    {
        // Two workers: the first takes a one-second delay, the second the creation; the last job
        // waits for a worker, and gets the first one's while the creation holds the state's lock.
        var ids = (await _sim.Call("SubmitManyJobs", new JsonArray(
            new JsonArray(SimulatorJobs.Op("OP_TEST_DELAY", """{"duration":1.0}""")),
            new JsonArray(SimulatorJobs.Op("OP_INSTANCE_CREATE", CreateWithSlowIallocator)),
            new JsonArray(SimulatorJobs.Op("OP_TEST_DELAY", """{"duration":0.01}""")))))!
            .AsArray().Select(a => a![1]!.GetValue<long>()).ToList();
        await WaitForFileAsync(Started);

        // The freed worker admits the last job as soon as the delay ends. With the locks taken in
        // the wrong order, the admission holds the queue's lock while it waits for the state's,
        // so even the wait for the delay may not answer: it is not awaited beyond ten seconds.
        var first = _sim.WaitForJobAsync(ids[0]);
        await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10)));
        await Task.Delay(300);
        await File.WriteAllTextAsync(Release, string.Empty);

        var all = Task.Run(async () => (await first, await _sim.WaitForJobAsync(ids[1]), await _sim.WaitForJobAsync(ids[2])));
        await ExpectFinishedAsync(all);
        (await all).Should().Be(("success", "success", "success"));
    }

    [Fact]
    public async Task AFilterAddedWhileAJobHoldsTheStateLock_IsStored_AndTheJobLogsAndFinishes()
    {
        var create = (await _sim.Call("SubmitJob", new JsonArray(SimulatorJobs.Op("OP_INSTANCE_CREATE", CreateWithSlowIallocator))))!.GetValue<long>();
        await WaitForFileAsync(Started);

        var added = Task.Run(() => _sim.Call("ReplaceFilter", null, 0, new JsonArray(), "ACCEPT", new JsonArray()));
        await Task.Delay(300);
        await File.WriteAllTextAsync(Release, string.Empty);

        var all = Task.Run(async () => ((await added)!.GetValue<string>(), await _sim.WaitForJobAsync(create)));
        await ExpectFinishedAsync(all);
        var (uuid, status) = await all;
        status.Should().Be("success");
        (await _sim.Call("QueryFilters", new JsonArray(uuid), new JsonArray("uuid")))!.AsArray().Should().ContainSingle();
    }

    private async Task ExpectFinishedAsync(Task work)
    {
        _deadlocked = await Task.WhenAny(work, Task.Delay(Guard)) != work;
        _deadlocked.Should().BeFalse("a queue that takes its locks in two orders deadlocks");
    }

    private static async Task WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!File.Exists(path))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{path} should appear");
            await Task.Delay(20);
        }
    }
}
