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
                iallocator = Iallocators.Default(state)
                    ?? throw SimError.Prereq(
                        "No iallocator or nodes on the instances given and no cluster-wide default iallocator found; please specify either an iallocator or nodes on the instances or set a cluster-wide default iallocator",
                        ErrorCode.Invalid);
                ctx.Op["iallocator"] = iallocator;
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
            else if (!PlaceThroughIallocator(ctx, iallocator, instances, allocatable, failed, jobs))
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

    /// <summary>
    /// Asks the iallocator script for a <c>multi-allocate</c> plan (Ganeti runs it in its checks,
    /// dry runs included) and reads back which instances go where and which failed; false when the
    /// script gives no usable answer (the caller then places them with the built-in allocator).
    /// </summary>
    private static bool PlaceThroughIallocator(OpContext ctx, string name, List<JsonObject> instances, List<string> allocatable, List<string> failed, List<JsonObject> jobs)
    {
        var state = ctx.State;
        var answer = Iallocators.Ask(ctx, name, Iallocation.IallocatorInput.MultiAllocate(state, [.. instances.Select(i => Request(state, i))]));
        if (answer is null)
        {
            return false;
        }

        if (!answer.Success)
        {
            throw SimError.Prereq($"Can't compute nodes using iallocator '{name}': {answer.Info}", ErrorCode.NoResources);
        }

        var byName = instances.ToDictionary(i => Text(i, "instance_name") ?? string.Empty, StringComparer.Ordinal);
        var placed = new List<(JsonObject Op, List<Node> Nodes)>();
        if (answer.Result is not JsonArray { Count: 2 } result || result[0] is not JsonArray ok || result[1] is not JsonArray notOk
            || !notOk.All(f => f is JsonValue v && v.TryGetValue<string>(out _)))
        {
            ctx.Log($" - WARNING: iallocator '{name}' answered an invalid multi-allocation; using the simulator's built-in placement");
            return false;
        }

        foreach (var entry in ok)
        {
            if (entry is not JsonArray { Count: 2 } pair || pair[0] is not JsonValue n || !n.TryGetValue<string>(out var instanceName)
                || !byName.TryGetValue(instanceName, out var op) || Iallocators.NodeList(state, pair[1]) is not { Count: > 0 } nodes)
            {
                ctx.Log($" - WARNING: iallocator '{name}' answered an invalid multi-allocation; using the simulator's built-in placement");
                return false;
            }

            placed.Add((op, nodes));
        }

        foreach (var (op, nodes) in placed)
        {
            allocatable.Add(Text(op, "instance_name") ?? string.Empty);
            var job = (JsonObject)op.DeepClone();
            job["pnode_uuid"] = nodes[0].Uuid;
            job["pnode"] = nodes[0].Name;
            if (nodes.Count > 1)
            {
                job["snode_uuid"] = nodes[1].Uuid;
                job["snode"] = nodes[1].Name;
            }

            jobs.Add(job);
        }

        failed.AddRange(notOk.Select(f => f!.GetValue<string>()));
        return true;
    }

    /// <summary>One instance of the op as the allocation request describes it (<c>CreateInstanceAllocRequest</c>).</summary>
    private static Iallocation.NewInstanceRequest Request(ClusterState state, JsonObject op)
    {
        var template = WireNames<DiskTemplate>.TryParse(Text(op, "disk_template") ?? string.Empty, out var t) ? t : DiskTemplate.Diskless;
        var beFull = InstanceCreateExecutor.FullBeparams(state, op["beparams"] is JsonObject given ? (JsonObject)given.DeepClone() : []);
        var nicDefaults = state.Cluster.Defaults("nicparams")?["default"] as JsonObject;
        var nics = (op["nics"] as JsonArray ?? []).OfType<JsonObject>().Select(nic => new Nic
        {
            Mac = Text(nic, "mac") ?? "auto",
            Ip = Text(nic, "ip"),
            Mode = Text(nic, "mode") ?? nicDefaults?["mode"]?.GetValue<string>() ?? "bridged",
            Link = Text(nic, "link") ?? nicDefaults?["link"]?.GetValue<string>() ?? string.Empty,
        }).ToList();
        var disks = (op["disks"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(d => (ParameterTypes.PythonInt(d["size"]) ?? 0, Text(d, "mode") ?? "rw")).ToList();
        var hypervisor = Text(op, "hypervisor") is { } hv && hv != "auto" ? hv : state.Cluster.EnabledHypervisors.FirstOrDefault() ?? "fake";
        return new Iallocation.NewInstanceRequest(
            Text(op, "instance_name") ?? string.Empty, template, Text(op, "group_name"),
            [.. (op["tags"] as JsonArray ?? []).Select(x => x?.ToString() ?? string.Empty)], Text(op, "os_type") ?? string.Empty,
            JsonNumbers.Int64(beFull["vcpus"]), JsonNumbers.Int64(beFull["maxmem"]), JsonNumbers.Int64(beFull["spindle_use"]), disks, nics, hypervisor);
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
