using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Jobs;

/// <summary>Job query fields (Ganeti's Query/Job.hs names and encodings); fields of unknown jobs are RS_UNAVAIL.</summary>
public static class JobFields
{
    public static readonly FieldTable<JobView> Table = Create();

    private static FieldTable<JobView> Create()
    {
        static FieldValue Of(JobView v, Func<Job, FieldValue> get) => v.Job is { } job ? get(job) : FieldValue.Unavailable;
        static FieldValue PerOp(JobView v, Func<JobOp, FieldValue> get) => Of(v, job => FieldValue.List(job.Ops, get));
        static FieldValue Timestamp(JsonArray? ts) => ts is null ? FieldValue.Unavailable : ts;
        const string TimestampDoc = " (tuple containing seconds and microseconds)";

        var f = new FieldList<JobView>
        {
            { "id", "ID", FieldKind.Number, "Job ID", v => v.Id },
            { "status", "Status", FieldKind.Text, "Job status", v => Of(v, j => WireNames<JobStatus>.ToWire(j.Status)) },
            { "priority", "Priority", FieldKind.Number, "Current job priority (19 to -20)", v => Of(v, Priority) },
            { "archived", "Archived", FieldKind.Bool, "Whether job is archived", v => Of(v, j => j.Archived) },
            { "ops", "OpCodes", FieldKind.Other, "List of all opcodes", v => PerOp(v, o => o.Input) },
            { "opresult", "OpCode_result", FieldKind.Other, "List of opcodes results", v => PerOp(v, o => o.Result) },
            { "opstatus", "OpCode_status", FieldKind.Other, "List of opcodes status", v => PerOp(v, o => WireNames<JobStatus>.ToWire(o.Status)) },
            { "oplog", "OpCode_log", FieldKind.Other, "List of opcode output logs", v => PerOp(v, o => FieldValue.List(o.Log, l => l)) },
            { "opstart", "OpCode_start", FieldKind.Other, "List of opcode start timestamps (before acquiring locks)", v => PerOp(v, o => o.StartTs) },
            { "opexec", "OpCode_exec", FieldKind.Other, "List of opcode execution start timestamps (after acquiring locks)", v => PerOp(v, o => o.ExecTs) },
            { "opend", "OpCode_end", FieldKind.Other, "List of opcode execution end timestamps", v => PerOp(v, o => o.EndTs) },
            { "oppriority", "OpCode_prio", FieldKind.Other, "List of opcode priorities", v => PerOp(v, o => o.Priority) },
            { "summary", "Summary", FieldKind.Other, "List of per-opcode summaries", v => PerOp(v, o => v.Catalog.Summary(o.Input)) },
            { "received_ts", "Received", FieldKind.Other, "Timestamp of when job was received" + TimestampDoc, v => Of(v, j => Timestamp(j.ReceivedTs)), FilterMode.Timestamp },
            { "start_ts", "Start", FieldKind.Other, "Timestamp of job start" + TimestampDoc, v => Of(v, j => Timestamp(j.StartTs)), FilterMode.Timestamp },
            { "end_ts", "End", FieldKind.Other, "Timestamp of job end" + TimestampDoc, v => Of(v, j => Timestamp(j.EndTs)), FilterMode.Timestamp },
        };
        return f.ToTable();
    }

    /// <summary>The lowest (most urgent) priority among the unfinished opcodes, or among all once the job is done.</summary>
    private static FieldValue Priority(Job job) =>
        job.Ops.Where(o => !o.Status.IsFinalized()).Select(o => (int?)o.Priority).Min() ?? job.Ops.Select(o => o.Priority).DefaultIfEmpty(0).Min();
}
