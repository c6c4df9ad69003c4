using System.Text.Json.Nodes;
using Ganeti.Contract.Tests.Differential;
using Ganeti.Infrastructure.Luxi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Contract.Tests.Cli;

/// <summary>
/// A job that exists only on one simulator: a tag search for a pattern random to the run,
/// submitted straight to the simulator's own socket. <c>gnt-job list -o summary</c> of its id
/// prints <see cref="Summary"/> only when the tools talk to that simulator; the real master
/// has no such job (or another job under that id), so its answer never carries the pattern.
/// </summary>
public sealed record SimulatorMark(long JobId, string Pattern)
{
    /// <summary>What the tools print as the job's summary when they reached the simulator.</summary>
    public string Summary => $"TAGS_SEARCH({Pattern})";

    /// <summary>The command that prints the summary, run before each command of a differential.</summary>
    public string[] ProofCommand => ["gnt-job", "list", "--no-headers", "-o", "summary", JobId.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>Runs the marking job on the simulator listening on <paramref name="socket"/> and waits for it to succeed.</summary>
    public static async Task<SimulatorMark> LeaveOnAsync(string socket)
    {
        var pattern = RealGanetiFixture.Unique("cli-proof");
        var options = Options.Create(new LuxiOptions { SocketPath = socket, ConnectAttempts = 1 });
        var simulator = new Master("simulator", new LuxiClient(new UnixSocketTransport(options), options, NullLogger<LuxiClient>.Instance));
        var done = await simulator.Run(Master.Op("OP_TAGS_SEARCH", new JsonObject { ["pattern"] = pattern }));
        done!["status"]!.GetValue<string>().Should().Be("success", $"the marking job should run on the simulator: {done}");
        return new SimulatorMark(done["id"]!.GetValue<long>(), pattern);
    }
}
