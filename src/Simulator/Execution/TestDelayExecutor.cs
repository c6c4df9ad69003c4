using System.Text.Json.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>OP_TEST_DELAY: sleeps for <c>duration</c> seconds (not scaled: the client asked for it).</summary>
public sealed class TestDelayExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var duration = ctx.Op["duration"]!.GetValue<double>();
        if (!ctx.DryRun && duration > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(duration), ctx.Time, ct).ConfigureAwait(false);
        }

        return null;
    }
}
