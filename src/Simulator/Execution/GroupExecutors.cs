using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>OP_GROUP_ADD: a new node group with a unique name.</summary>
public sealed class GroupAddExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => ["groups"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var name = ctx.String("group_name") ?? string.Empty;
        lock (ctx.State.Sync)
        {
            if (ctx.State.FindGroup(name) is { } existing)
            {
                throw SimError.Prereq($"Desired group name '{name}' already exists as a node group (UUID: {existing.Uuid})", ErrorCode.Exists);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (ctx.State.Sync)
        {
            var group = new NodeGroup
            {
                Name = name,
                AllocPolicy = ctx.String("alloc_policy") ?? "preferred",
                Ndparams = ctx.Op["ndparams"] is JsonObject nd ? (JsonObject)nd.DeepClone() : [],
                Ipolicy = ctx.Op["ipolicy"] is JsonObject ip ? (JsonObject)ip.DeepClone() : [],
                Diskparams = ctx.Op["diskparams"] is JsonObject dp ? (JsonObject)dp.DeepClone() : [],
                Ctime = ctx.Now,
                Mtime = ctx.Now,
            };
            ctx.State.Groups[group.Uuid] = group;
            ctx.Store.SaveObjects([group]);
        }

        return null;
    }
}

/// <summary>OP_GROUP_REMOVE: only an empty group (the refusal lists its nodes' uuids, as Ganeti's does) that is not the last one.</summary>
public sealed class GroupRemoveExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => ["groups"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        NodeGroup group;
        lock (state.Sync)
        {
            group = Lookups.Group(state, ctx.String("group_name"));
            var nodes = state.Nodes.Values.Where(n => n.GroupUuid == group.Uuid).Select(n => n.Uuid).ToList();
            if (nodes.Count > 0)
            {
                throw SimError.Prereq($"Group '{group.Name}' not empty, has the following nodes: {string.Join(", ", nodes)}", ErrorCode.State);
            }

            if (state.Groups.Count == 1)
            {
                throw SimError.Prereq($"Group '{group.Name}' is the only group, cannot be removed", ErrorCode.State);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            state.Groups.Remove(group.Uuid);
            ctx.Store.SaveObjects([], [group]);
        }

        return null;
    }
}

/// <summary>OP_GROUP_RENAME: the new name must be free; answers the new name.</summary>
public sealed class GroupRenameExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => ["groups"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var newName = ctx.String("new_name") ?? string.Empty;
        NodeGroup group;
        lock (state.Sync)
        {
            group = Lookups.Group(state, ctx.String("group_name"));
            if (state.FindGroup(newName) is not null)
            {
                throw SimError.Prereq($"Desired new name '{newName}' clashes with existing node group", ErrorCode.Exists);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            group.Name = newName;
            group.Touch(ctx.Now);
            ctx.Store.SaveObjects([group]);
        }

        return newName;
    }
}

/// <summary>
/// OP_GROUP_SET_PARAMS as LUGroupSetParams: at least one change; node parameters, disk
/// parameters (with a valid access mode), hypervisor and disk state type-checked and merged
/// into the group's; the instance policy updated as a group policy. Answers the changed
/// parameter dicts as <c>[[name, str(dict)], …]</c>.
/// </summary>
public sealed class GroupSetParamsExecutor : IOpExecutor
{
    private static readonly string[] Changes = ["ndparams", "diskparams", "alloc_policy", "hv_state", "disk_state", "ipolicy"];
    private static readonly string[] Hypervisors = ["chroot", "fake", "kvm", "lxc", "xen-hvm", "xen-pvm"];
    private static readonly string[] DiskStateTypes = ["lvm-vg"];
    private static readonly string[] AccessModes = ["kernelspace", "userspace"];

    private static readonly IReadOnlyDictionary<string, ParameterType> HvStateTypes = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["cpu_node"] = ParameterType.Int,
        ["cpu_total"] = ParameterType.Int,
        ["mem_hv"] = ParameterType.Int,
        ["mem_node"] = ParameterType.Int,
        ["mem_total"] = ParameterType.Int,
    };

    private static readonly IReadOnlyDictionary<string, ParameterType> DiskStateParameterTypes = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["disk_overhead"] = ParameterType.Int,
        ["disk_reserved"] = ParameterType.Int,
        ["disk_total"] = ParameterType.Int,
    };

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => ["groups"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var op = ctx.Op;
        if (Changes.All(c => op[c] is null))
        {
            throw SimError.Prereq("Please pass at least one modification", ErrorCode.Invalid);
        }

        foreach (var (template, parameters) in Dict(op, "diskparams") ?? [])
        {
            var access = parameters?["access"] is { } a ? PythonText.Str(a) : "kernelspace";
            if (!AccessModes.Contains(access))
            {
                throw SimError.Prereq($"Invalid value of '{template}:access': '{access}' (expected one of {PythonText.CommaJoin(AccessModes)})");
            }
        }

        NodeGroup group;
        JsonObject? ndparams = null, diskparams = null, hvState = null, diskState = null, ipolicy = null;
        lock (state.Sync)
        {
            group = Lookups.Group(state, ctx.String("group_name"));
            if (Dict(op, "ndparams") is { Count: > 0 } nd)
            {
                ndparams = Updated(group.Ndparams, nd);
                ParameterTypes.Force(ndparams, ParameterTypes.Node);
            }

            if (Dict(op, "diskparams") is { Count: > 0 } dp)
            {
                diskparams = group.Diskparams.DeepClone().AsObject();
                foreach (var (template, parameters) in dp)
                {
                    var updated = Updated(group.Diskparams[template] as JsonObject ?? [], parameters as JsonObject ?? []);
                    ParameterTypes.Force(updated, ParameterTypes.Disk);
                    diskparams[template] = updated;
                }
            }

            if (Dict(op, "hv_state") is { Count: > 0 } hv)
            {
                var invalid = hv.Select(p => p.Key).Where(h => !Hypervisors.Contains(h)).ToList();
                if (invalid.Count > 0)
                {
                    throw SimError.Prereq($"Invalid hypervisor(s) in hypervisor state: {PythonText.CommaJoin(invalid)}", ErrorCode.Invalid);
                }

                hvState = SubDicts(group.HvState, hv, HvStateTypes);
            }

            if (Dict(op, "disk_state") is { Count: > 0 } ds)
            {
                var invalid = ds.Select(p => p.Key).Where(t => !DiskStateTypes.Contains(t)).ToList();
                if (invalid.Count > 0)
                {
                    throw SimError.Prereq($"Invalid storage type(s) in disk state: {PythonText.CommaJoin(invalid)}", ErrorCode.Invalid);
                }

                diskState = [];
                foreach (var (type, units) in ds)
                {
                    diskState[type] = SubDicts(group.DiskState[type] as JsonObject ?? [], units as JsonObject ?? [], DiskStateParameterTypes);
                }
            }

            if (Dict(op, "ipolicy") is { Count: > 0 } ip)
            {
                ipolicy = InstancePolicies.Update(group.Ipolicy, ip, groupPolicy: true, "OP_GROUP_SET_PARAMS");
                var templates = state.Cluster.EnabledDiskTemplates;
                var allowed = ipolicy["disk-templates"] as JsonArray ?? state.Cluster.Defaults("ipolicy")?["disk-templates"] as JsonArray ?? [];
                var notEnabled = allowed.Select(PythonText.Str).Distinct().Where(t => !templates.Contains(t)).ToList();
                if (notEnabled.Count > 0)
                {
                    throw SimError.Prereq(
                        $"The following disk templates are allowed by the ipolicy, but not enabled on the cluster: {PythonText.CommaJoin(notEnabled)}", ErrorCode.Invalid);
                }
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        var result = new JsonArray();
        lock (state.Sync)
        {
            if (ndparams is not null)
            {
                group.Ndparams = ndparams;
                result.Add(new JsonArray("ndparams", PythonText.Repr(ndparams)));
            }

            if (diskparams is not null)
            {
                group.Diskparams = diskparams;
                result.Add(new JsonArray("diskparams", PythonText.Repr(diskparams)));
            }

            if (ctx.String("alloc_policy") is { } policy)
            {
                group.AllocPolicy = policy;
            }

            group.HvState = hvState ?? group.HvState;
            group.DiskState = diskState ?? group.DiskState;
            group.Ipolicy = ipolicy ?? group.Ipolicy;
            group.Touch(ctx.Now);
            ctx.Store.SaveObjects([group]);
        }

        return result;
    }

    private static JsonObject? Dict(JsonObject op, string key) => op[key] as JsonObject;

    /// <summary>GetUpdatedParams: the old values with the new ones, <c>default</c> removing a key.</summary>
    private static JsonObject Updated(JsonObject old, JsonObject changes)
    {
        var updated = old.DeepClone().AsObject();
        foreach (var (key, value) in changes)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text == "default")
            {
                updated.Remove(key);
            }
            else
            {
                updated[key] = value?.DeepClone();
            }
        }

        return updated;
    }

    /// <summary>_UpdateAndVerifySubDict: each sub-dict updated and type-checked.</summary>
    private static JsonObject SubDicts(JsonObject old, JsonObject changes, IReadOnlyDictionary<string, ParameterType> types)
    {
        var result = old.DeepClone().AsObject();
        foreach (var (key, value) in changes)
        {
            var updated = Updated(old[key] as JsonObject ?? [], ParameterTypes.ForceDict(value?.DeepClone(), types));
            ParameterTypes.Force(updated, types);
            result[key] = updated;
        }

        return result;
    }
}

/// <summary>
/// OP_GROUP_ASSIGN_NODES as LUGroupAssignNodes: moves nodes into the group; an instance with
/// DRBD disks whose nodes would end up in different groups is refused unless <c>force</c>
/// (then a warning, with the instances that stay split).
/// </summary>
public sealed class GroupAssignNodesExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => ["groups", "nodes"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        NodeGroup group;
        List<Node> nodes;
        lock (state.Sync)
        {
            group = Lookups.Group(state, ctx.String("group_name"));
            nodes = [.. ctx.StringList("nodes", nonEmpty: true).Select(n => Lookups.Node(state, n)).DistinctBy(n => n.Uuid)];
            ctx.Op["nodes"] = new JsonArray([.. nodes.Select(n => (JsonNode)n.Name)]);
            ctx.Op["node_uuids"] = new JsonArray([.. nodes.Select(n => (JsonNode)n.Uuid)]);
            var (newSplits, previousSplits) = SplitInstances(state, nodes.Select(n => n.Uuid).ToHashSet(StringComparer.Ordinal), group.Uuid);
            if (newSplits.Count > 0)
            {
                if (!ctx.Bool("force"))
                {
                    throw SimError.Exec($"The following instances get split by this change and --force was not given: {PythonText.CommaJoin(newSplits)}");
                }

                ctx.Log($" - WARNING: This operation will split the following instances: {PythonText.CommaJoin(newSplits)}");
                if (previousSplits.Count > 0)
                {
                    ctx.Log($" - WARNING: In addition, these already-split instances continue to be split across groups: {PythonText.CommaJoin(previousSplits)}");
                }
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var changed = new List<ConfigObject>();
            foreach (var node in nodes.Where(n => n.GroupUuid != group.Uuid))
            {
                if (state.Groups.TryGetValue(node.GroupUuid, out var old))
                {
                    old.Touch(ctx.Now);
                    changed.Add(old);
                }

                node.GroupUuid = group.Uuid;
                node.Touch(ctx.Now);
                changed.Add(node);
            }

            if (changed.Count > 0)
            {
                group.Touch(ctx.Now);
                changed.Add(group);
                ctx.Store.SaveObjects(changed.Distinct());
            }
        }

        return null;
    }

    /// <summary>CheckAssignmentForSplitInstances: the DRBD instances newly split, and those split before and after, by name in nice order.</summary>
    private static (List<string> New, List<string> Previous) SplitInstances(ClusterState state, HashSet<string> moved, string groupUuid)
    {
        var newSplits = new List<string>();
        var previousSplits = new List<string>();
        foreach (var instance in state.Instances.Values.Where(i => i.DiskTemplate.IsInternallyMirrored()))
        {
            var instanceNodes = instance.SecondaryNodeUuids.Prepend(instance.PrimaryNodeUuid).Where(state.Nodes.ContainsKey).ToList();
            var before = instanceNodes.Select(n => state.Nodes[n].GroupUuid).Distinct().Count() > 1;
            var after = instanceNodes.Select(n => moved.Contains(n) ? groupUuid : state.Nodes[n].GroupUuid).Distinct().Count() > 1;
            if (after && !before)
            {
                newSplits.Add(instance.Name);
            }
            else if (after)
            {
                previousSplits.Add(instance.Name);
            }
        }

        return ([.. newSplits.Order(NiceSort.Instance)], [.. previousSplits.Order(NiceSort.Instance)]);
    }
}
