using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>OP_INSTANCE_REPLACE_DISKS: for DRBD; <c>replace_new_secondary</c> moves the secondary.</summary>
public sealed class InstanceReplaceDisksExecutor : IOpExecutor
{
    private static readonly string[] Modes = ["replace_on_primary", "replace_on_secondary", "replace_new_secondary", "replace_auto"];

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var mode = ctx.String("mode");
        string? newSecondary = null;
        long copied;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            copied = instance.Disks.Sum(d => d.Size);
            if (!Modes.Contains(mode))
            {
                throw SimError.Prereq($"Invalid replace-disks mode '{mode}'", ErrorCode.Invalid);
            }

            // CheckArguments: the new node or allocator goes only with a new secondary.
            var remote = ctx.String("remote_node");
            var iallocator = ctx.String("iallocator");
            if (mode == "replace_new_secondary")
            {
                if (remote is null && iallocator is null)
                {
                    throw SimError.Prereq("When changing the secondary either an iallocator script must be used or the new node given", ErrorCode.Invalid);
                }

                if (remote is not null && iallocator is not null)
                {
                    throw SimError.Prereq("Give either the iallocator or the new secondary, not both", ErrorCode.Invalid);
                }
            }
            else if (remote is not null || iallocator is not null)
            {
                throw SimError.Prereq("The iallocator and new node options can only be used when changing the secondary node", ErrorCode.Invalid);
            }

            // CheckPrereq: exactly one secondary (what no instance but a DRBD one has), then DRBD disks.
            if (instance.SecondaryNodeUuids.Count != 1)
            {
                throw SimError.Prereq($"The instance has a strange layout, expected one secondary but found {instance.SecondaryNodeUuids.Count}", ErrorCode.Fault);
            }

            if (!instance.DiskTemplate.IsInternallyMirrored())
            {
                throw SimError.Prereq("Can only run replace disks for DRBD8-based instances", ErrorCode.Invalid);
            }

            if (mode == "replace_new_secondary")
            {
                Node node;
                if (remote is not null)
                {
                    node = Lookups.Node(state, remote);
                }
                else
                {
                    var secondary = state.Nodes[instance.SecondaryNodeUuids[0]];
                    node = Iallocators.Relocate(ctx, iallocator!, instance, secondary, () => Allocator.PickSecondary(state, instance, exclude: instance.SecondaryNodeUuids));

                    // Ganeti names the instance by its uuid here.
                    ctx.Log($" - INFO: Selected new secondary for instance '{instance.Uuid}': {node.Name}");
                }

                if (node.Uuid == instance.PrimaryNodeUuid || instance.SecondaryNodeUuids.Contains(node.Uuid))
                {
                    throw SimError.Prereq($"The specified node is already the {(node.Uuid == instance.PrimaryNodeUuid ? "primary" : "secondary")} node of the instance", ErrorCode.Invalid);
                }

                Lookups.CheckNodeOnline(node);
                newSecondary = node.Uuid;
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        // The time grows with the data the new mirror copies, as for a creation.
        await ctx.DelayAsync(1 + (InstanceCreateExecutor.DurationPerGib * copied / 1024.0), ct).ConfigureAwait(false);
        if (newSecondary is not null)
        {
            lock (state.Sync)
            {
                var instance = state.Instances[ctx.Op["instance_uuid"]!.GetValue<string>()];
                instance.SecondaryNodeUuids = [newSecondary];
                ctx.Log($"Changed secondary node of {instance.Name} to {state.NodeName(newSecondary)}");
                instance.Touch(ctx.Now);
                ctx.Store.SaveObjects([instance]);
            }
        }

        return null;
    }
}
