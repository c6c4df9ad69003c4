using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_BACKUP_PREPARE: the primary node must be online. A local export needs nothing (null);
/// a remote one answers the handshake, the signed X509 key name and the signed CA the other
/// cluster needs (stand-ins with Ganeti's shapes).
/// </summary>
public sealed class BackupPrepareExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            var primary = state.Nodes[instance.PrimaryNodeUuid];
            Lookups.CheckNodeOnline(primary);
            if (ctx.String("mode") != "remote")
            {
                return Task.FromResult<JsonNode?>(null);
            }

            ctx.Log($"Generating X509 certificate on {primary.Name}");
            var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var keyName = "x509-" + Guid.NewGuid().ToString("N");
            var secret = Encoding.UTF8.GetBytes(state.Cluster.Uuid);
            var hmac = Convert.ToHexStringLower(HMACSHA1.HashData(secret, Encoding.UTF8.GetBytes(salt + keyName)));
            var handshakeHash = Convert.ToHexStringLower(HMACSHA1.HashData(secret, Encoding.UTF8.GetBytes("Ganeti remote import/export")));
            JsonNode result = new JsonObject
            {
                ["handshake"] = new JsonArray(0, handshakeHash, salt),
                ["x509_key_name"] = new JsonArray(keyName, hmac, salt),
                ["x509_ca"] = $"-----BEGIN CERTIFICATE-----\nX-Ganeti-Signature: {salt}/{hmac}\n-----END CERTIFICATE-----\n",
            };
            return Task.FromResult<JsonNode?>(result);
        }
    }
}

/// <summary>
/// OP_BACKUP_EXPORT: a remote export needs the X509 key name and the destination CA; removing
/// the instance needs it shut down (or <c>shutdown</c>); the target node of a local export must
/// be online and not drained. The job log follows Ganeti's LUBackupExport (shutdown, disk
/// activation, transfers, finalization, restart). A local export is kept on the target node,
/// replacing the instance's exports on the other nodes; answers <c>[true, [true per disk]]</c>.
/// </summary>
public sealed class BackupExportExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op), "nodes"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var remote = ctx.String("mode") == "remote";
        if (remote && !ParameterTypes.Truthy(ctx.Op["x509_key_name"]))
        {
            throw SimError.Prereq("Missing X509 key name for encryption", ErrorCode.Invalid);
        }

        if (remote && !ParameterTypes.Truthy(ctx.Op["destination_x509_ca"]))
        {
            throw SimError.Prereq("Missing destination X509 CA", ErrorCode.Invalid);
        }

        if (ctx.Bool("zero_free_space") && !ParameterTypes.Truthy(ctx.Op["compress"]))
        {
            throw SimError.Prereq("Zeroing free space does not make sense unless compression is used");
        }

        if (ctx.Bool("zero_free_space") && !ctx.Bool("shutdown"))
        {
            throw SimError.Prereq("Unless the instance is shut down, zeroing cannot be used.");
        }

        Node? target = null;
        lock (state.Sync)
        {
            var instance = Lookups.ExpandInstance(ctx);
            if (!remote)
            {
                target = Lookups.Node(state, ctx.String("target_node"));
                ctx.Op["target_node"] = target.Name;
                ctx.Op["target_node_uuid"] = target.Uuid;
            }

            Lookups.CheckNodeOnline(state.Nodes[instance.PrimaryNodeUuid]);
            if (ctx.Bool("remove_instance") && instance.AdminState == AdminState.Up && !ctx.Bool("shutdown"))
            {
                throw SimError.Prereq("Can not remove instance without shutting it down before", ErrorCode.State);
            }

            if (target is not null)
            {
                Lookups.CheckNodeOnline(target);
                if (target.Drained)
                {
                    throw SimError.Prereq($"Can't use drained node {target.Name}", ErrorCode.State);
                }
            }
            else if (ctx.Op["target_node"] is JsonArray destinations && destinations.Count != instance.Disks.Count)
            {
                throw SimError.Prereq($"Received destination information for {destinations.Count} disks, but instance {instance.Name} has {instance.Disks.Count} disks", ErrorCode.Invalid);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var instance = state.Instances[ctx.Op["instance_uuid"]!.GetValue<string>()];
            var primary = state.Nodes[instance.PrimaryNodeUuid];
            var remove = ctx.Bool("remove_instance");
            var restart = ctx.Bool("shutdown") && instance.AdminState == AdminState.Up && !remove;
            if (ctx.Bool("shutdown"))
            {
                ctx.Log($"Shutting down instance {instance.Name}");
            }

            var activate = !instance.DisksActive;
            if (activate)
            {
                ctx.Log($"Activating disks for {instance.Name}");
            }

            // A live export (the instance is up and stays) works from snapshots, which only
            // plain, DRBD and ext disks can make; without them the instance must stay down for
            // the whole transfer, which needs long_sleep.
            var snapshots = !remove && instance.AdminState == AdminState.Up
                && (instance.Disks.Count == 0 || instance.DiskTemplate is DiskTemplate.Plain or DiskTemplate.Drbd or DiskTemplate.Ext);
            if (!remove && instance.AdminState == AdminState.Up && !snapshots)
            {
                var problem = !ctx.Bool("shutdown") ? "you requested a live export"
                    : !ctx.Bool("long_sleep") ? "you did not allow the instance to remain offline for a longer time through the --long-sleep option"
                    : null;
                if (problem is not null)
                {
                    instance.Running &= !ctx.Bool("shutdown");
                    if (activate)
                    {
                        ctx.Log($"Deactivating disks for {instance.Name}");
                    }

                    throw SimError.Exec($"Not all disks could be snapshotted, and {problem}; aborting");
                }
            }

            for (var i = 0; snapshots && i < instance.Disks.Count; i++)
            {
                ctx.Log($"Creating a snapshot of disk/{i} on node {primary.Name}");
            }

            if (restart && snapshots)
            {
                ctx.Log($"Starting instance {instance.Name}");
            }

            var finalized = true;
            if (target is not null)
            {
                finalized = LocalTransfer(ctx, instance, primary, target, snapshots ? "snapshot" : "disk");
            }

            if (restart && !snapshots)
            {
                ctx.Log($"Starting instance {instance.Name}");
            }

            for (var i = 0; snapshots && i < instance.Disks.Count; i++)
            {
                ctx.Log($"Removing snapshot of disk/{i} on node {primary.Name}");
            }

            if (activate)
            {
                ctx.Log($"Deactivating disks for {instance.Name}");
            }

            if (!finalized)
            {
                throw SimError.Exec("Export failed, errors in export finalization");
            }

            var disks = new JsonArray([.. instance.Disks.Select(_ => (JsonNode)true)]);
            if (remove)
            {
                ctx.Log($"Removing instance {instance.Name}");
                state.Instances.Remove(instance.Uuid);
                ctx.Store.SaveObjects([], [instance]);
            }

            if (target is not null)
            {
                if (state.Nodes.Count > 1)
                {
                    ctx.Log($"Removing old exports for instance {instance.Name}");
                }

                foreach (var (node, names) in state.Exports)
                {
                    if (node != target.Uuid)
                    {
                        names.Remove(instance.Name);
                    }
                }

                if (!state.Exports.TryGetValue(target.Uuid, out var kept))
                {
                    kept = new SortedSet<string>(StringComparer.Ordinal);
                    state.Exports[target.Uuid] = kept;
                }

                kept.Add(instance.Name);
            }

            return new JsonArray(true, disks);
        }
    }

    /// <summary>
    /// The job log of a local export's disk transfers (nothing is copied) and of its
    /// finalization on the target node. As in Ganeti 3.0, finalizing the export of an instance
    /// without disks fails: the node writes the export's configuration into the directory that
    /// only the disk transfers create. Answers whether the export was finalized.
    /// </summary>
    private static bool LocalTransfer(OpContext ctx, Instance instance, Node primary, Node target, string label)
    {
        for (var i = 0; i < instance.Disks.Count; i++)
        {
            ctx.Log($"Exporting {label}/{i} from {primary.Name} to {target.Name}");
        }

        for (var i = 0; i < instance.Disks.Count; i++)
        {
            ctx.Log($"{label}/{i} is now listening, starting export");
            ctx.Log($"{label}/{i} is receiving data on {target.Name}");
            ctx.Log($"{label}/{i} is sending data on {primary.Name}");
            ctx.Log($"{label}/{i} finished receiving data");
            ctx.Log($"{label}/{i} finished sending data");
        }

        ctx.Log($"Finalizing export on {target.Name}");
        if (instance.Disks.Count > 0)
        {
            return true;
        }

        // Python's mkstemp names its file with eight of these characters.
        var temporary = new string(RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyz0123456789_", 8));
        ctx.Log($" - WARNING: Could not finalize export for instance {instance.Name} on node {target.Name}: Error while executing backend function: [Errno 2] No such file or directory: '{ExportDirectory}/{instance.Name}.new/config.ini{temporary}.new'");
        return false;
    }

    /// <summary>Where Ganeti's nodes keep exports (<c>pathutils.EXPORT_DIR</c>).</summary>
    private const string ExportDirectory = "/var/lib/ganeti/export";
}

/// <summary>
/// OP_BACKUP_REMOVE: removes the exports of the instance (by its full name, or the name given
/// when it no longer exists) from every node; finding none is not an error.
/// </summary>
public sealed class BackupRemoveExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => ["nodes"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var given = ctx.String("instance_name") ?? string.Empty;
            var known = state.FindInstance(given)?.Name;
            var name = known ?? given;
            var found = false;
            foreach (var names in state.Exports.Values)
            {
                found |= names.Remove(name);
            }

            if (known is null && !found)
            {
                ctx.Log("Export not found. If trying to remove an export belonging to a deleted instance please use its Fully Qualified Domain Name.");
            }
        }

        return null;
    }
}
