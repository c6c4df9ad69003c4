using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Simulator.Store;

namespace Ganeti.Simulator.Tests;

/// <summary>A finished job: status, result, log messages and the opcode as the master stored it.</summary>
internal sealed record JobOutcome(long Id, string Status, JsonNode? Result, List<string> Log, JsonObject Op)
{
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The encoded error of a failed job, compact and unescaped: <c>["OpPrereqError",["…","wrong_input"]]</c>.</summary>
    public string Error => Result!.ToJsonString(Plain);
}

/// <summary>Runs opcodes on a simulated master and reads back what it keeps.</summary>
internal static class SimulatorJobs
{
    public static JsonObject Op(string id, string json)
    {
        var op = JsonNode.Parse(json)!.AsObject();
        op["OP_ID"] = id;
        op["reason"] = new JsonArray();
        return op;
    }

    public static async Task<JobOutcome> RunAsync(this SimulatorFixture sim, JsonObject op)
    {
        var id = (await sim.Call("SubmitJob", new JsonArray(op)))!.GetValue<long>();
        var status = await sim.WaitForJobAsync(id);
        var row = (await sim.Call("QueryJobs", new JsonArray(id), new JsonArray("opresult", "oplog", "ops")))![0]!;
        var log = row[1]![0]!.AsArray().Select(e => e![3]!.GetValue<string>()).ToList();
        return new JobOutcome(id, status, row[0]![0]?.DeepClone(), log, row[2]![0]!.DeepClone().AsObject());
    }

    public static async Task<JsonObject> ClusterInfoAsync(this SimulatorFixture sim) => (await sim.Call("QueryClusterInfo"))!.AsObject();

    /// <summary>The cluster object's serial number, as the store has it.</summary>
    public static long ClusterSerial(this SimulatorFixture sim)
    {
        using var store = new SimStore(sim.Options.DatabasePath);
        return store.LoadState()!.Cluster.SerialNo;
    }
}
