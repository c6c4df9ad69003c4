using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>OP_TAGS_SET, OP_TAGS_DEL and OP_TAGS_GET on the cluster, an instance, a node, a node group or a network.</summary>
public sealed class TagsExecutor(TagsExecutor.Mode mode) : IOpExecutor
{
    public enum Mode
    {
        Get,
        Set,
        Delete,
    }

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) =>
        [$"tags/{op["kind"]}/{Target(state, op)?.Uuid ?? "?"}"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        List<string> tags;
        lock (state.Sync)
        {
            var target = Target(state, ctx.Op) ?? throw SimError.Prereq(NotFound(ctx.Op), ErrorCode.NoEntity);
            if (mode == Mode.Get)
            {
                return Json.Strings(target.Tags.Order(StringComparer.Ordinal));
            }

            tags = ctx.Op["tags"] is JsonArray list
                ? [.. list.Select(t => t is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw SimError.Prereq("Tags must be strings", ErrorCode.Invalid))]
                : [];
            foreach (var tag in tags)
            {
                if (Tag.Check(tag) is { } problem)
                {
                    throw new SimError("TagError", [problem], problem);
                }
            }

            if (mode == Mode.Delete)
            {
                var missing = tags.Where(t => !target.Tags.Contains(t)).Distinct().Order(StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                {
                    throw SimError.Prereq("Tag(s) " + string.Join(", ", missing.Select(t => $"'{t}'")) + " not found", ErrorCode.NoEntity);
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
            var target = Target(state, ctx.Op) ?? throw SimError.Prereq(NotFound(ctx.Op), ErrorCode.NoEntity);
            if (mode == Mode.Set)
            {
                var merged = target.Tags.Union(tags).ToList();
                if (merged.Count > Tag.MaxTagsPerObject)
                {
                    throw SimError.Exec("Error while setting tag: Too many tags");
                }

                target.Tags = merged;
            }
            else
            {
                target.Tags = [.. target.Tags.Except(tags)];
            }

            target.Touch(ctx.Now);
            ctx.Store.SaveObjects([target]);
        }

        return null;
    }

    private static ConfigObject? Target(ClusterState state, JsonObject op)
    {
        var name = op["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return op["kind"]?.GetValue<string>() switch
        {
            "cluster" => state.Cluster,
            "instance" => name is null ? null : state.FindInstance(name),
            "node" => name is null ? null : state.FindNode(name),
            "nodegroup" => name is null ? null : state.FindGroup(name),
            "network" => name is null ? null : state.Networks.Values.FirstOrDefault(n => n.Name == name || n.Uuid == name),
            _ => null,
        };
    }

    private static string NotFound(JsonObject op) =>
        op["kind"]?.GetValue<string>() switch
        {
            "instance" => $"Instance '{op["name"]}' not known",
            "node" => $"Node '{op["name"]}' not known",
            "nodegroup" => $"Node group '{op["name"]}' not found",
            "network" => $"Network '{op["name"]}' not found",
            var kind => $"Wrong tag type requested ({kind})",
        };
}
