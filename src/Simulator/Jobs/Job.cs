using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;

namespace Ganeti.Simulator.Jobs;

/// <summary>One opcode of a job, with its status, result, log and times.</summary>
public sealed class JobOp
{
    public required JsonObject Input { get; init; }

    public JobStatus Status { get; set; } = JobStatus.Queued;

    public JsonNode? Result { get; set; }

    public List<JsonArray> Log { get; } = [];

    public int Priority { get; set; }

    public JsonArray? StartTs { get; set; }

    public JsonArray? ExecTs { get; set; }

    public JsonArray? EndTs { get; set; }

    public string OpId => Input["OP_ID"]!.GetValue<string>();
}

/// <summary>A job as the simulated master keeps it.</summary>
public sealed class Job
{
    public required long Id { get; init; }

    public required List<JobOp> Ops { get; init; }

    public JsonArray? ReceivedTs { get; set; }

    public JsonArray? StartTs { get; set; }

    public JsonArray? EndTs { get; set; }

    public bool Archived { get; set; }

    public int LogSerial { get; set; }

    public JobStatus Status => JobStatuses.Derive(Ops.Select(o => o.Status));

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["received_ts"] = ReceivedTs?.DeepClone(),
        ["start_ts"] = StartTs?.DeepClone(),
        ["end_ts"] = EndTs?.DeepClone(),
        ["archived"] = Archived,
        ["log_serial"] = LogSerial,
        ["ops"] = new JsonArray([.. Ops.Select(o => (JsonNode)new JsonObject
        {
            ["input"] = o.Input.DeepClone(),
            ["status"] = WireNames<JobStatus>.ToWire(o.Status),
            ["result"] = o.Result?.DeepClone(),
            ["log"] = new JsonArray([.. o.Log.Select(l => (JsonNode)l.DeepClone())]),
            ["priority"] = o.Priority,
            ["start_ts"] = o.StartTs?.DeepClone(),
            ["exec_ts"] = o.ExecTs?.DeepClone(),
            ["end_ts"] = o.EndTs?.DeepClone(),
        })]),
    };

    public static Job FromJson(JsonObject json)
    {
        var job = new Job
        {
            Id = json["id"]!.GetValue<long>(),
            Ops = [],
            ReceivedTs = json["received_ts"]?.DeepClone().AsArray(),
            StartTs = json["start_ts"]?.DeepClone().AsArray(),
            EndTs = json["end_ts"]?.DeepClone().AsArray(),
            Archived = json["archived"]?.GetValue<bool>() ?? false,
            LogSerial = json["log_serial"]?.GetValue<int>() ?? 0,
        };
        foreach (var o in json["ops"]!.AsArray())
        {
            var op = new JobOp
            {
                Input = o!["input"]!.DeepClone().AsObject(),
                Status = WireNames<JobStatus>.Parse(o["status"]!.GetValue<string>()),
                Result = o["result"]?.DeepClone(),
                Priority = o["priority"]?.GetValue<int>() ?? 0,
                StartTs = o["start_ts"]?.DeepClone().AsArray(),
                ExecTs = o["exec_ts"]?.DeepClone().AsArray(),
                EndTs = o["end_ts"]?.DeepClone().AsArray(),
            };
            op.Log.AddRange(o["log"]!.AsArray().Select(l => l!.DeepClone().AsArray()));
            job.Ops.Add(op);
        }

        return job;
    }
}
