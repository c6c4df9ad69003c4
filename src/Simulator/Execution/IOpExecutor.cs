using System.Text.Json.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>Runs one kind of opcode with Ganeti's checks, raising <see cref="SimError"/> like Ganeti would.</summary>
public interface IOpExecutor
{
    /// <summary>Names of the objects the opcode must lock.</summary>
    IEnumerable<string> Locks(JsonObject op, ClusterState state);

    Task<JsonNode?> ExecuteAsync(OpContext context, CancellationToken ct);
}
