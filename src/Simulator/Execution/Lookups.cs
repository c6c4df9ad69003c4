using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>Object lookups as Ganeti's logical units do them, with Ganeti's errors.</summary>
internal static class Lookups
{
    public static Instance Instance(ClusterState state, string? name) =>
        (name is null ? null : state.FindInstance(name))
        ?? throw SimError.Prereq($"Instance '{name}' not known", ErrorCode.NoEntity);

    /// <summary>
    /// Finds the opcode's instance and writes its full name and uuid into the opcode, as
    /// Ganeti's logical units expand names (the stored job then shows them).
    /// </summary>
    public static Instance ExpandInstance(OpContext ctx)
    {
        var instance = Instance(ctx.State, ctx.String("instance_name"));
        ctx.Op["instance_name"] = instance.Name;
        ctx.Op["instance_uuid"] = instance.Uuid;
        return instance;
    }

    public static Node Node(ClusterState state, string? name) =>
        (name is null ? null : state.FindNode(name))
        ?? throw SimError.Prereq($"Node '{name}' not known", ErrorCode.NoEntity);

    /// <summary>Finds the opcode's node and writes its full name and uuid into the opcode (see <see cref="ExpandInstance"/>).</summary>
    public static Node ExpandNode(OpContext ctx)
    {
        var node = Node(ctx.State, ctx.String("node_name"));
        ctx.Op["node_name"] = node.Name;
        ctx.Op["node_uuid"] = node.Uuid;
        return node;
    }

    public static NodeGroup Group(ClusterState state, string? name) =>
        (name is null ? null : state.FindGroup(name))
        ?? throw SimError.Prereq($"Node group '{name}' not found", ErrorCode.NoEntity);

    /// <summary>The lock of the instance an opcode names, by its full name whatever name the client used.</summary>
    public static string InstanceLock(ClusterState state, JsonObject op)
    {
        var name = op["instance_name"]?.GetValue<string>() ?? string.Empty;
        return "instance/" + (state.FindInstance(name)?.Name ?? name);
    }

    public static string NodeLock(ClusterState state, JsonObject op)
    {
        var name = op["node_name"]?.GetValue<string>() ?? string.Empty;
        return "node/" + (state.FindNode(name)?.Name ?? name);
    }

    /// <summary>Ganeti's <c>CheckNodeOnline</c>: "<paramref name="message"/>: node" when the node is offline.</summary>
    public static void CheckNodeOnline(Node node, string message = "Can't use offline node")
    {
        if (node.Offline)
        {
            throw SimError.Prereq($"{message}: {node.Name}", ErrorCode.State);
        }
    }

    /// <summary>
    /// Ganeti's <c>CheckInstanceState</c>: the admin state must be one of <paramref name="allowed"/>
    /// and, unless <c>up</c> is among them, the instance must not be running (on an online primary).
    /// </summary>
    public static void CheckInstanceState(ClusterState state, Instance instance, AdminState[] allowed, string message)
    {
        if (!allowed.Contains(instance.AdminState))
        {
            throw SimError.Prereq($"Instance '{instance.Name}' is marked to be {WireNames<AdminState>.ToWire(instance.AdminState)}, {message}", ErrorCode.State);
        }

        if (!allowed.Contains(AdminState.Up) && !state.Nodes[instance.PrimaryNodeUuid].Offline && instance.Running)
        {
            throw SimError.Prereq($"Instance {instance.Name} is running, {message}", ErrorCode.State);
        }
    }
}
