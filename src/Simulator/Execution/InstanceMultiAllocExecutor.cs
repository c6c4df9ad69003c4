using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_MULTI_ALLOC (<c>LUInstanceMultiAlloc</c>): either every instance names its
/// nodes or none does (then the allocator, the cluster's default when none is given, places
/// them one after the other, each taking memory and disk from what is left); the instances
/// that fit are created by one OP_INSTANCE_CREATE job each. The result lists the allocatable
/// and the failed instances and the jobs submitted (none in a dry run).
/// </summary>
public sealed class InstanceMultiAllocExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => state.Nodes.Values.Select(n => "node/" + n.Name);

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var instances = ctx.Op["instances"] is JsonArray list ? list.OfType<JsonObject>().ToList() : [];
        var iallocator = ctx.String("iallocator");
        List<string> allocatable = [];
        List<string> failed = [];
        List<JsonObject> jobs = [];
        lock (state.Sync)
        {
            var nodes = new List<bool>();
            foreach (var instance in instances)
            {
                if (instance["iallocator"] is not null)
                {
                    throw SimError.Prereq("iallocator are not allowed to be set on instance objects", ErrorCode.Invalid);
                }

                nodes.Add(OpValuesTruthy(instance["pnode"]));
                if (Text(instance, "disk_template") == "drbd")
                {
                    nodes.Add(OpValuesTruthy(instance["snode"]));
                }
            }

            var hasNodes = nodes.Any(n => n);
            if (hasNodes && !nodes.All(n => n))
            {
                throw SimError.Prereq("There are instance objects providing pnode/snode while others do not", ErrorCode.Invalid);
            }

            if (!hasNodes && iallocator is null)
            {
                iallocator = state.Cluster.Parameters["default_iallocator"] is JsonValue d && d.TryGetValue<string>(out var name) && name.Length > 0
                    ? name
                    : throw SimError.Prereq(
                        "No iallocator or nodes on the instances given and no cluster-wide default iallocator found; please specify either an iallocator or nodes on the instances or set a cluster-wide default iallocator",
                        ErrorCode.Invalid);
            }

            if (ctx.Bool("opportunistic_locking") && iallocator is null)
            {
                throw SimError.Prereq("Opportunistic locking is only available in combination with an instance allocator", ErrorCode.Invalid);
            }

            var names = instances.Select(i => Text(i, "instance_name") ?? string.Empty).ToList();
            var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                throw SimError.Prereq($"There are duplicate instance names: {string.Join(", ", duplicates)}", ErrorCode.Invalid);
            }

            if (iallocator is null)
            {
                allocatable = names;
                jobs = [.. instances.Select(i => (JsonObject)i.DeepClone())];
            }
            else
            {
                Place(state, instances, allocatable, failed, jobs);
            }
        }

        if (ctx.DryRun)
        {
            return Result(allocatable, failed, []);
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        var submitted = ctx.SubmitJobs([.. jobs.Select(op => new JsonArray(op))]);
        return Result(allocatable, failed, submitted);
    }

    /// <summary>Places the instances one by one, each seeing the memory and disk the earlier ones took.</summary>
    private static void Place(ClusterState state, List<JsonObject> instances, List<string> allocatable, List<string> failed, List<JsonObject> jobs)
    {
        var memory = new Dictionary<string, long>(StringComparer.Ordinal);
        var disk = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            var name = Text(instance, "instance_name") ?? string.Empty;
            var templateName = Text(instance, "disk_template") ?? state.Cluster.EnabledDiskTemplates.FirstOrDefault() ?? "diskless";
            var template = WireNames<DiskTemplate>.TryParse(templateName, out var t) ? t : DiskTemplate.Diskless;
            var beparams = instance["beparams"] is JsonObject given ? (JsonObject)given.DeepClone() : [];
            var maxmem = JsonNumbers.Int64(InstanceCreateExecutor.FullBeparams(state, beparams)["maxmem"]);
            var sizes = instance["disks"] is JsonArray disks
                ? disks.OfType<JsonObject>().Select(d => ParameterTypes.PythonInt(d["size"]) ?? 0).ToList()
                : [];
            var placement = Allocator.PlaceNew(state, template, maxmem, sizes, Text(instance, "group_name"), memory, disk);
            if (placement.Primary is null)
            {
                failed.Add(name);
                continue;
            }

            allocatable.Add(name);
            var job = (JsonObject)instance.DeepClone();
            job["pnode"] = placement.Primary.Name;
            job["pnode_uuid"] = placement.Primary.Uuid;
            memory[placement.Primary.Uuid] = memory.GetValueOrDefault(placement.Primary.Uuid) + maxmem;
            var required = NodeCapacity.RequiredDisk(template, sizes);
            disk[placement.Primary.Uuid] = disk.GetValueOrDefault(placement.Primary.Uuid) + required;
            if (placement.Secondary is { } secondary)
            {
                job["snode"] = secondary.Name;
                job["snode_uuid"] = secondary.Uuid;
                disk[secondary.Uuid] = disk.GetValueOrDefault(secondary.Uuid) + required;
            }

            jobs.Add(job);
        }
    }

    private static JsonObject Result(List<string> allocatable, List<string> failed, JsonArray jobs) => new()
    {
        ["allocatable"] = new JsonArray([.. allocatable.Select(n => (JsonNode)n)]),
        ["failed"] = new JsonArray([.. failed.Select(n => (JsonNode)n)]),
        ["jobs"] = jobs,
    };

    private static string? Text(JsonObject op, string key) => op[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool OpValuesTruthy(JsonNode? node) => ParameterTypes.Truthy(node);
}
