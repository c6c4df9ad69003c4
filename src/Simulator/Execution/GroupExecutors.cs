using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
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

/// <summary>OP_GROUP_REMOVE: only an empty group that is not the last one.</summary>
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
            var nodes = state.Nodes.Values.Where(n => n.GroupUuid == group.Uuid).Select(n => n.Name).ToList();
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
