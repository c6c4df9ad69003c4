using Ganeti.Domain.Instances;
using Ganeti.Simulator.Iallocation;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// Placement through a real iallocator script (<see cref="OpContext.Iallocator"/>), as Ganeti's
/// master asks it; when the script is not installed or gives no valid answer, the job log says
/// so and the caller falls back to the built-in stand-in (<see cref="Allocator"/>).
/// </summary>
internal static class Iallocators
{
    /// <summary>Nodes for a new instance from the script's <c>allocate</c> answer; null: use the stand-in.</summary>
    public static Placement? PlaceNew(OpContext ctx, string name, NewInstanceRequest request)
    {
        var answer = Ask(ctx, name, IallocatorInput.Allocate(ctx.State, request));
        if (answer is null)
        {
            return null;
        }

        if (!answer.Success)
        {
            return new Placement(null, null, answer.Info);
        }

        var nodes = NodeList(ctx.State, answer.Result);
        var required = request.Template.IsInternallyMirrored() ? 2 : 1;
        if (nodes is null || nodes.Count != required)
        {
            ctx.Log($" - WARNING: iallocator '{name}' answered an invalid node list ({answer.Result?.ToJsonString()}); using the simulator's built-in placement");
            return null;
        }

        return new Placement(nodes[0], nodes.Count > 1 ? nodes[1] : null, null);
    }

    /// <summary>The cluster's <c>default_iallocator</c>, or null when it has none (unset or empty).</summary>
    public static string? Default(ClusterState state) =>
        state.Cluster.Parameters["default_iallocator"] is System.Text.Json.Nodes.JsonValue d && d.TryGetValue<string>(out var name) && name.Length > 0 ? name : null;

    /// <summary>
    /// Ganeti's <c>CheckIAllocatorOrNode</c>: the iallocator to run (the cluster's default when
    /// neither it nor a node is given, or when it is <c>.</c>), or null when a node was given.
    /// </summary>
    public static string? IallocatorOrNode(OpContext ctx, string iallocatorKey, string nodeKey)
    {
        var node = ctx.Op[nodeKey] is System.Text.Json.Nodes.JsonArray { Count: 0 } ? null : ctx.Op[nodeKey];
        var iallocator = ctx.String(iallocatorKey);
        if (node is not null && iallocator is not null)
        {
            throw SimError.Prereq("Do not specify both, iallocator and node", Domain.Errors.ErrorCode.Invalid);
        }

        if ((node is null && iallocator is null) || iallocator == ".")
        {
            iallocator = Default(ctx.State)
                ?? throw SimError.Prereq(
                    "No iallocator or node given and no cluster-wide default iallocator found; please specify either an iallocator or a node, or set a cluster-wide default iallocator",
                    Domain.Errors.ErrorCode.Invalid);
            ctx.Op[iallocatorKey] = iallocator;
        }

        return iallocator;
    }

    /// <summary>
    /// A new node for <paramref name="instance"/> away from <paramref name="from"/> (a
    /// <c>relocate</c> request: a new primary for an externally mirrored instance, a new DRBD
    /// secondary); <paramref name="fallback"/> (the built-in stand-in) when the script gives no answer.
    /// </summary>
    public static Node Relocate(OpContext ctx, string name, Instance instance, Node from, Func<Node?> fallback)
    {
        var state = ctx.State;
        var answer = Ask(ctx, name, IallocatorInput.Relocate(state, instance, [from.Name]));
        if (answer is null)
        {
            return fallback()
                ?? throw SimError.Prereq($"Can't compute nodes using iallocator '{name}': no suitable node for instance {instance.Name}", Domain.Errors.ErrorCode.NoResources);
        }

        if (!answer.Success)
        {
            throw SimError.Prereq($"Can't compute nodes using iallocator '{name}': {answer.Info}", Domain.Errors.ErrorCode.NoResources);
        }

        return NodeList(state, answer.Result) is { Count: > 0 } nodes
            ? nodes[0]
            : throw SimError.Of("ResultValidationError", $"iallocator '{name}' answered an invalid relocation ({answer.Result?.ToJsonString()})");
    }

    /// <summary>
    /// Runs the script with the cluster's <c>default_iallocator_params</c> and the request's
    /// <paramref name="extra"/> parameters (which win); null (logged) when it gives no answer.
    /// </summary>
    public static IallocatorAnswer? Ask(OpContext ctx, string name, System.Text.Json.Nodes.JsonObject input, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var answer = ctx.Iallocator.Run(name, input, Arguments(ctx.State, extra), out var whyNot);
        if (answer is null)
        {
            ctx.Log($" - WARNING: {whyNot}; using the simulator's built-in placement instead");
        }

        return answer;
    }

    /// <summary>
    /// The script's command-line parameters as the node daemon builds them: each key as
    /// <c>--key=value</c>, or a bare <c>--key</c> when its value is null.
    /// </summary>
    public static List<string> Arguments(ClusterState state, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var merged = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (state.Cluster.Parameters["default_iallocator_params"] is System.Text.Json.Nodes.JsonObject defaults)
        {
            foreach (var (key, value) in defaults)
            {
                merged[key] = value switch
                {
                    null => null,
                    System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => text,
                    _ => value.ToJsonString(),
                };
            }
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return [.. merged.Select(p => p.Value is null ? $"--{p.Key}" : $"--{p.Key}={p.Value}")];
    }

    /// <summary>The nodes an answer names, or null when it is not a list of known node names.</summary>
    public static List<Node>? NodeList(ClusterState state, System.Text.Json.Nodes.JsonNode? result)
    {
        if (result is not System.Text.Json.Nodes.JsonArray list)
        {
            return null;
        }

        var nodes = new List<Node>();
        foreach (var item in list)
        {
            if (item is not System.Text.Json.Nodes.JsonValue v || !v.TryGetValue<string>(out var nodeName)
                || state.Nodes.Values.FirstOrDefault(n => n.Name == nodeName) is not { } node)
            {
                return null;
            }

            nodes.Add(node);
        }

        return nodes;
    }
}
