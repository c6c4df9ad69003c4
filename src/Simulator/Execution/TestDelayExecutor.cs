using System.Text.Json.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_TEST_DELAY: sleeps for <c>duration</c> seconds, which must be positive (not scaled by
/// the simulated time factor: the client asked for exactly that long).
/// </summary>
public sealed class TestDelayExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var duration = ctx.Op["duration"]!.GetValue<double>();
        if (duration <= 0)
        {
            throw new SimError("OpPrereqError", ["Duration must be greater than zero"], "Duration must be greater than zero");
        }

        if (!ctx.DryRun)
        {
            await Task.Delay(TimeSpan.FromSeconds(duration), ctx.Time, ct).ConfigureAwait(false);
        }

        return null;
    }
}
