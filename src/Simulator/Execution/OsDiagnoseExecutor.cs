using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_OS_DIAGNOSE (<c>gnt-os list/info</c>, RAPI's <c>/2/os</c>): classic rows of the requested
/// OS fields. Like Ganeti's LUOsDiagnose it leaves out hidden, blacklisted and invalid OSes
/// unless the matching field is requested; named OSes come in the order given (names no node
/// has are left out, as luxid 3.0 does), otherwise all of them nicely sorted. It takes no
/// locks.
/// </summary>
public sealed class OsDiagnoseExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [];

    public Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var requested = ctx.StringList("output_fields");
        var names = ctx.StringList("names");
        var state = ctx.State;
        lock (state.Sync)
        {
            var table = OsFields.Create(state);
            var fields = table.Select(requested);
            if (ctx.DryRun)
            {
                return Task.FromResult<JsonNode?>(null);
            }

            var installed = state.OperatingSystems.ToDictionary(o => o.Name, StringComparer.Ordinal);
            IEnumerable<OsDefinition> chosen = names.Count > 0
                ? names.Where(installed.ContainsKey).Select(n => installed[n])
                : state.OperatingSystems.OrderBy(o => o.Name, NiceSort.Instance);
            bool Flag(string field, OsDefinition os) => table.TryGet(field, out var f) && f.Get(os).TryGetBool(out var value) && value;
            var rows = new JsonArray();
            foreach (var os in chosen)
            {
                var shown = (requested.Contains("hidden") || !Flag("hidden", os))
                    && (requested.Contains("blacklisted") || !Flag("blacklisted", os))
                    && (requested.Contains("valid") || Flag("valid", os));
                if (shown)
                {
                    rows.Add(FieldTable<OsDefinition>.Row(os, fields));
                }
            }

            return Task.FromResult<JsonNode?>(rows);
        }
    }
}
