using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Jobs;

/// <summary>Job query fields (Ganeti's Query/Job.hs names and encodings).</summary>
public static class JobFields
{
    public static readonly FieldTable<JobView> Table = new(new Dictionary<string, Func<JobView, JsonNode?>>
    {
        ["id"] = v => v.Job.Id,
        ["status"] = v => WireNames<JobStatus>.ToWire(v.Job.Status),
        ["ops"] = v => new JsonArray([.. v.Job.Ops.Select(o => (JsonNode)o.Input.DeepClone())]),
        ["opstatus"] = v => Json.Strings(v.Job.Ops.Select(o => WireNames<JobStatus>.ToWire(o.Status))),
        ["opresult"] = v => new JsonArray([.. v.Job.Ops.Select(o => o.Result?.DeepClone())]),
        ["oplog"] = v => new JsonArray([.. v.Job.Ops.Select(o => (JsonNode)new JsonArray([.. o.Log.Select(l => (JsonNode)l.DeepClone())]))]),
        ["summary"] = v => Json.Strings(v.Job.Ops.Select(o => v.Catalog.Summary(o.Input))),
        ["received_ts"] = v => v.Job.ReceivedTs?.DeepClone(),
        ["start_ts"] = v => v.Job.StartTs?.DeepClone(),
        ["end_ts"] = v => v.Job.EndTs?.DeepClone(),
        ["priority"] = v => v.Job.Ops.Where(o => !o.Status.IsFinalized()).Select(o => (int?)o.Priority).Min() ?? v.Job.Ops.Select(o => o.Priority).DefaultIfEmpty(0).Min(),
        ["archived"] = v => v.Job.Archived,
        ["opstart"] = v => new JsonArray([.. v.Job.Ops.Select(o => o.StartTs?.DeepClone())]),
        ["opexec"] = v => new JsonArray([.. v.Job.Ops.Select(o => o.ExecTs?.DeepClone())]),
        ["opend"] = v => new JsonArray([.. v.Job.Ops.Select(o => o.EndTs?.DeepClone())]),
        ["oppriority"] = v => new JsonArray([.. v.Job.Ops.Select(o => (JsonNode)o.Priority)]),
    });
}
