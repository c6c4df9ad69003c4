using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Iallocation;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_INSTANCE_CREATE in mode <c>create</c>, with Ganeti's checks in Ganeti's order
/// (<c>LUInstanceCreate</c>): arguments, a free name, the disk template enabled, the nodes given
/// or picked by the allocator, the instance policy of the primary node's group, the OS, the
/// disk space of LVM-backed templates and, when the instance is to start, the primary's free
/// memory. The simulator has no resolver: with <c>name_check</c> a name resolves to itself.
/// Simulated time grows with the size of the disks. The result is the list of the instance's
/// nodes (their uuids in a dry run, as Ganeti's).
/// </summary>
public sealed class InstanceCreateExecutor : IOpExecutor
{
    /// <summary>How much longer than its base duration a creation takes per GiB of new disk (0.1: ten GiB double it).</summary>
    public const double DurationPerGib = 0.1;

    public IEnumerable<string> Locks(JsonObject op, ClusterState state)
    {
        var name = op["instance_name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
        yield return "instance/" + name;
        var nodes = op["iallocator"] is null && op["pnode"] is not null
            ? new[] { op["pnode"], op["snode"] }.OfType<JsonValue>().Select(n => n.TryGetValue<string>(out var node) ? state.FindNode(node)?.Name ?? node : string.Empty)
            : state.Nodes.Values.Select(n => n.Name);
        foreach (var node in nodes.Distinct(StringComparer.Ordinal))
        {
            yield return "node/" + node;
        }
    }

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        CreationPlan plan;
        lock (state.Sync)
        {
            plan = Plan(ctx, state, reservedMemory: null, reservedDisk: null);
        }

        if (ctx.DryRun)
        {
            return new JsonArray([.. plan.Nodes.Select(n => (JsonNode)n.Uuid)]);
        }

        foreach (var (disk, index) in plan.Disks.Select((d, i) => (d, i)))
        {
            ctx.Log($"* disk {index}, size {FormatUnit(disk.Size)}");
        }

        ctx.Log("* creating instance disks...");
        await ctx.DelayAsync(1 + (DurationPerGib * plan.Disks.Sum(d => d.Size) / 1024.0), ct).ConfigureAwait(false);
        Instance instance;
        lock (state.Sync)
        {
            // The name may have been taken while the disks were made.
            CheckNameFree(state, plan.Name);
            CheckAddressesFree(state, plan.Nics);
            instance = new Instance
            {
                Name = plan.Name,
                PrimaryNodeUuid = plan.Nodes[0].Uuid,
                SecondaryNodeUuids = [.. plan.Nodes.Skip(1).Select(n => n.Uuid)],
                Os = plan.Os,
                Hypervisor = plan.Hypervisor,
                AdminState = plan.Start ? AdminState.Up : AdminState.Down,
                Running = plan.Start,
                DiskTemplate = plan.Template,
                Disks = plan.Disks,
                Nics = plan.Nics,
                Beparams = plan.Beparams,
                Hvparams = plan.Hvparams,
                Osparams = plan.Osparams,
                Ctime = ctx.Now,
                Mtime = ctx.Now,
                Tags = plan.Tags,
            };
            ctx.Log($"adding instance {plan.Name} to cluster config");
            state.Instances[instance.Uuid] = instance;
            ctx.Log("adding disks to cluster config");
            ctx.Store.SaveObjects([instance]);
        }

        if (plan.Disks.Count > 0 && ctx.Bool("wait_for_sync"))
        {
            ctx.Log($" - INFO: Waiting for instance {plan.Name} to sync disks");
            ctx.Log($" - INFO: Instance {plan.Name}'s disks are in sync");
        }

        if (!ctx.Bool("no_install"))
        {
            ctx.Log("* running the instance OS create scripts...");
        }

        if (plan.Start)
        {
            ctx.Log("* starting instance...");
        }

        return new JsonArray([.. plan.Nodes.Select(n => (JsonNode)n.Name)]);
    }

    /// <summary>
    /// Checks a creation as Ganeti's <c>CheckArguments</c>, <c>ExpandNames</c> and
    /// <c>CheckPrereq</c> do and answers what to build. With an allocator, the memory and disk
    /// already promised to other instances of the same request count as used.
    /// </summary>
    internal static CreationPlan Plan(OpContext ctx, ClusterState state, Dictionary<string, long>? reservedMemory, Dictionary<string, long>? reservedDisk)
    {
        var op = ctx.Op;
        if (ctx.Bool("forthcoming") && ctx.Bool("commit"))
        {
            throw SimError.Prereq("Forthcoming generation and commiting are mutually exclusive", ErrorCode.Invalid);
        }

        var start = ctx.Bool("start");
        if (ctx.Bool("no_install") && start)
        {
            ctx.Log(" - INFO: No-installation mode selected, disabling startup");
            start = false;
        }

        var name = (ctx.String("instance_name") ?? string.Empty).ToLowerInvariant();
        if (ctx.Bool("ip_check") && !ctx.Bool("name_check"))
        {
            throw SimError.Prereq("Cannot do IP address check without a name check", ErrorCode.Invalid);
        }

        CheckDeviceNames("NIC", Devices(op, "nics"));
        var disks = Devices(op, "disks");
        CheckDeviceNames("disk", disks);
        var template = TemplateOf(ctx, state);
        if (disks.Any(d => d.ContainsKey("adopt")))
        {
            throw SimError.Prereq($"Disk adoption is not supported for the '{WireNames<DiskTemplate>.ToWire(template)}' disk template", ErrorCode.Invalid);
        }

        var pnodeName = ctx.String("pnode");
        var iallocator = Iallocators.IallocatorOrNode(ctx, "iallocator", "pnode");

        var snodeName = ctx.String("snode");
        if (pnodeName is not null)
        {
            if (template == DiskTemplate.Drbd && snodeName is null)
            {
                throw SimError.Prereq("The networked disk templates need a mirror node", ErrorCode.Invalid);
            }

            if (template != DiskTemplate.Drbd && snodeName is not null)
            {
                ctx.Log(" - WARNING: Secondary node will be ignored on non-mirrored disk template");
                snodeName = null;
            }
        }

        if (ctx.Bool("opportunistic_locking") && iallocator is null)
        {
            throw SimError.Prereq("Opportunistic locking is only available in combination with an instance allocator", ErrorCode.Invalid);
        }

        var mode = ctx.String("mode");
        if (mode == "import")
        {
            var source = ctx.String("src_path") ?? name;
            throw SimError.Prereq($"No export found for relative path {source}", ErrorCode.Invalid);
        }

        if (mode == "remote-import")
        {
            throw SimError.Prereq("Missing source handshake", ErrorCode.Invalid);
        }

        var os = ctx.String("os_type") ?? throw SimError.Prereq("No guest OS or OS image specified", ErrorCode.Invalid);
        if (state.Cluster.Parameters["blacklisted_os"] is JsonArray blacklisted && blacklisted.Any(b => b is JsonValue v && v.TryGetValue<string>(out var s) && s == os))
        {
            throw SimError.Prereq($"Guest OS '{os}' is not allowed for installation", ErrorCode.State);
        }

        CheckNameFree(state, name);
        Node? pnode = pnodeName is null ? null : Lookups.Node(state, pnodeName);
        Node? snode = snodeName is null ? null : Lookups.Node(state, snodeName);

        if (state.Cluster.VolumeGroupName is null && template is DiskTemplate.Plain or DiskTemplate.Drbd)
        {
            throw SimError.Prereq("Cluster does not support lvm-based instances", ErrorCode.State);
        }

        var hypervisor = ctx.String("hypervisor") is { } hv && hv != "auto" ? hv : state.Cluster.EnabledHypervisors.FirstOrDefault() ?? "fake";
        if (!state.Cluster.EnabledHypervisors.Contains(hypervisor))
        {
            throw SimError.Prereq($"Selected hypervisor ({hypervisor}) not enabled in the cluster ({string.Join(',', state.Cluster.EnabledHypervisors)})", ErrorCode.State);
        }

        var tags = ctx.StringList("tags", nonEmpty: true);
        var beparams = op["beparams"] is JsonObject given ? (JsonObject)given.DeepClone() : [];
        var beFull = FullBeparams(state, beparams);
        var nics = Nics(ctx, state);
        var diskObjects = Disks(disks);

        if (iallocator is not null)
        {
            var request = new NewInstanceRequest(
                name, template, ctx.String("group_name"), tags, os, JsonNumbers.Int64(beFull["vcpus"]), JsonNumbers.Int64(beFull["maxmem"]),
                JsonNumbers.Int64(beFull["spindle_use"]), [.. diskObjects.Select(d => (d.Size, d.Mode))], nics, hypervisor);
            var picked = reservedMemory is null && reservedDisk is null
                ? Iallocators.PlaceNew(ctx, iallocator, request)
                : null;
            picked ??= Allocator.PlaceNew(state, template, request.Memory, [.. diskObjects.Select(d => d.Size)], request.GroupName, reservedMemory, reservedDisk);
            if (picked.Error is { } reason)
            {
                throw SimError.Prereq($"Can't compute nodes using iallocator '{iallocator}': {reason}", ctx.Bool("opportunistic_locking") ? ErrorCode.TempNoResources : ErrorCode.NoResources);
            }

            (pnode, snode) = (picked.Primary, picked.Secondary);
            ctx.Log($" - INFO: Selected nodes for instance {name} via iallocator {iallocator}: {PythonText.CommaJoin(new[] { pnode, snode }.OfType<Node>().Select(n => n.Name))}");
            op["pnode"] = pnode!.Name;
            op["pnode_uuid"] = pnode.Uuid;
            if (snode is not null)
            {
                op["snode"] = snode.Name;
                op["snode_uuid"] = snode.Uuid;
            }
        }

        var primary = pnode!;
        if (primary.Offline)
        {
            throw SimError.Prereq($"Cannot use offline primary node '{primary.Name}'", ErrorCode.State);
        }

        if (primary.Drained)
        {
            throw SimError.Prereq($"Cannot use drained primary node '{primary.Name}'", ErrorCode.State);
        }

        if (!primary.VmCapable)
        {
            throw SimError.Prereq($"Cannot use non-vm_capable primary node '{primary.Name}'", ErrorCode.State);
        }

        List<Node> nodes = [primary];
        if (template == DiskTemplate.Drbd)
        {
            var secondary = snode!;
            if (secondary.Uuid == primary.Uuid)
            {
                throw SimError.Prereq("The secondary node cannot be the primary node", ErrorCode.Invalid);
            }

            Lookups.CheckNodeOnline(secondary);
            if (secondary.Drained)
            {
                throw SimError.Prereq($"Can't use drained node {secondary.Name}", ErrorCode.State);
            }

            if (!secondary.VmCapable)
            {
                throw SimError.Prereq($"Can't use non-vm_capable node {secondary.Name}", ErrorCode.State);
            }

            nodes.Add(secondary);
        }

        var required = NodeCapacity.RequiredDisk(template, diskObjects.Select(d => d.Size));
        if (required > 0)
        {
            foreach (var node in nodes)
            {
                var free = NodeCapacity.FreeDisk(state, node) - (reservedDisk?.GetValueOrDefault(node.Uuid) ?? 0);
                if (required > free)
                {
                    throw SimError.Prereq(
                        $"Not enough disk space on target node {node.Name} vg {NodeCapacity.VolumeGroup(state)}: required {required} MiB, available {free} MiB",
                        ErrorCode.NoResources);
                }
            }
        }

        if (!ctx.Bool("ignore_ipolicy"))
        {
            var group = state.Groups[primary.GroupUuid];
            var violations = InstancePolicy.Violations(
                GroupFields.FilledIpolicy(state.Cluster.Defaults("ipolicy"), group.Ipolicy),
                JsonNumbers.Int64(beFull["maxmem"]),
                JsonNumbers.Int64(beFull["vcpus"]),
                nics.Count,
                JsonNumbers.Int64(beFull["spindle_use"]),
                [.. diskObjects.Select(d => d.Size)],
                WireNames<DiskTemplate>.ToWire(template));
            if (violations.Count > 0)
            {
                throw SimError.Prereq($"Instance allocation to group {group.Uuid} ({group.Name}) violates policy: {string.Join(", ", violations)}", ErrorCode.Invalid);
            }
        }

        if (!state.OperatingSystems.Any(o => o.Name == os.Split('+')[0]))
        {
            throw SimError.Exec($"OS Parameters validation failed on node {primary.Name}: Directory for OS {os.Split('+')[0]} not found in search path");
        }

        if (start)
        {
            var maxmem = JsonNumbers.Int64(beFull["maxmem"]);
            var free = NodeCapacity.FreeMemory(state, primary) - (reservedMemory?.GetValueOrDefault(primary.Uuid) ?? 0);
            if (maxmem > free)
            {
                throw SimError.Prereq(
                    $"Not enough memory on node {primary.Name} for creating instance {name}: needed {maxmem} MiB, available {free} MiB",
                    ErrorCode.NoResources);
            }
        }

        AssignNetworkAddresses(ctx, state, primary, nics);
        return new CreationPlan(
            name, os, hypervisor, template, nodes, diskObjects, nics, beparams,
            op["hvparams"] is JsonObject hvparams ? (JsonObject)hvparams.DeepClone() : [],
            op["osparams"] is JsonObject osparams ? (JsonObject)osparams.DeepClone() : [],
            tags, start, JsonNumbers.Int64(beFull["maxmem"]));
    }

    /// <summary>
    /// NICs on a network, as Ganeti fills them once the primary node is known: the network must
    /// be connected to the node's group, whose connection gives the NIC its mode, link and VLAN;
    /// <c>ip=pool</c> takes the network's first free address, and a given address must be free in it.
    /// </summary>
    private static void AssignNetworkAddresses(OpContext ctx, ClusterState state, Node primary, List<Nic> nics)
    {
        foreach (var (nic, index) in nics.Select((n, i) => (n, i)))
        {
            if (nic.NetworkUuid is not { } networkUuid)
            {
                continue;
            }

            var network = state.Networks[networkUuid];
            if (!state.Groups[primary.GroupUuid].Networks.TryGetValue(networkUuid, out var netparams))
            {
                throw SimError.Prereq($"No netparams found for network {network.Name}. Probably not connected to node's {primary.Name} nodegroup", ErrorCode.Invalid);
            }

            ctx.Log($" - INFO: NIC/{index} inherits netparams [{string.Join(", ", netparams.Select(p => "'" + p.Value + "'"))}]");
            nic.Mode = netparams["mode"]?.GetValue<string>() ?? nic.Mode;
            nic.Link = netparams["link"]?.GetValue<string>() ?? nic.Link;
            nic.Vlan = netparams["vlan"]?.GetValue<string>() ?? nic.Vlan;
            if (nic.Ip is null)
            {
                continue;
            }

            var pool = AddressPool.Open(network, state.Instances.Values.Append(new Instance { Nics = [.. nics.Take(index)] }));
            nic.Ip = pool.Claim(nic.Ip, ctx.Bool("conflicts_check"), $"Unable to get a free IP for NIC {index} from the address pool", ctx.Log);
        }
    }

    /// <summary>The creation's network addresses are still free when it is committed (another creation may have taken one meanwhile).</summary>
    private static void CheckAddressesFree(ClusterState state, IReadOnlyList<Nic> nics)
    {
        foreach (var nic in nics.Where(n => n.NetworkUuid is not null && n.Ip is not null))
        {
            var network = state.Networks[nic.NetworkUuid!];
            if (AddressPool.Open(network, state.Instances.Values) is var pool && pool.Contains(nic.Ip) && pool.IsReserved(nic.Ip!, external: false))
            {
                throw SimError.Prereq($"IP address {nic.Ip} already in use or does not belong to network {network.Name}", ErrorCode.NotUnique);
            }
        }
    }

    private static void CheckNameFree(ClusterState state, string name)
    {
        if (state.Instances.Values.Any(i => i.Name == name))
        {
            throw SimError.Prereq($"Instance '{name}' is already in the cluster", ErrorCode.Exists);
        }
    }

    private static DiskTemplate TemplateOf(OpContext ctx, ClusterState state)
    {
        var name = ctx.String("disk_template") ?? state.Cluster.EnabledDiskTemplates.FirstOrDefault() ?? "diskless";
        if (!state.Cluster.EnabledDiskTemplates.Contains(name) || !WireNames<DiskTemplate>.TryParse(name, out var template))
        {
            throw SimError.Prereq($"Disk template '{name}' is not enabled in cluster. Enabled disk templates are: {string.Join(',', state.Cluster.EnabledDiskTemplates)}");
        }

        if (template is not (DiskTemplate.Diskless or DiskTemplate.File or DiskTemplate.SharedFile or DiskTemplate.Plain or DiskTemplate.Drbd))
        {
            throw SimError.Prereq($"Disk template {name} requires disk adoption, but no 'adopt' parameter given", ErrorCode.Invalid);
        }

        return template;
    }

    private static List<JsonObject> Devices(JsonObject op, string key) =>
        op[key] is JsonArray list ? [.. list.OfType<JsonObject>()] : [];

    /// <summary>Ganeti's <c>utils.ValidateDeviceNames</c>: a name may not be a number and may not repeat.</summary>
    private static void CheckDeviceNames(string kind, List<JsonObject> devices)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (device["name"] is not JsonValue v || !v.TryGetValue<string>(out var name) || name.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (long.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                throw SimError.Prereq($"Invalid {kind} name '{name}'", ErrorCode.Invalid);
            }

            if (!seen.Add(name))
            {
                throw SimError.Prereq($"Duplicate {kind} name '{name}'", ErrorCode.NotUnique);
            }
        }
    }

    /// <summary>The cluster's default backend parameters filled with the instance's (<c>ComputeFullBeParams</c>); <c>memory</c> sets both bounds.</summary>
    internal static JsonObject FullBeparams(ClusterState state, JsonObject beparams)
    {
        var defaults = NodeFields.BeDefaults(state) ?? [];
        foreach (var (key, value) in beparams.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s) && s == "auto" && defaults[key] is { } fallback)
            {
                beparams[key] = fallback.DeepClone();
            }
        }

        if (beparams.Remove("memory", out var memory))
        {
            beparams["maxmem"] = memory?.DeepClone();
            beparams["minmem"] = memory?.DeepClone();
        }

        ParameterTypes.Force(beparams, ParameterTypes.Backend);

        var full = (JsonObject)defaults.DeepClone();
        foreach (var (key, value) in beparams)
        {
            full[key] = value?.DeepClone();
        }

        return full;
    }

    /// <summary>The NICs as Ganeti builds them (<c>ComputeNics</c>): mode and link default to the cluster's, MACs generated, networks by name.</summary>
    private static List<Nic> Nics(OpContext ctx, ClusterState state)
    {
        var nicDefaults = state.Cluster.Defaults("nicparams")?["default"] as JsonObject;
        var used = state.Instances.Values.SelectMany(i => i.Nics).Select(n => n.Mac).ToHashSet(StringComparer.Ordinal);
        var prefix = state.Cluster.Parameters["mac_prefix"] is JsonValue p && p.TryGetValue<string>(out var mp) ? mp : "aa:00:00";
        var nics = new List<Nic>();
        foreach (var nic in Devices(ctx.Op, "nics"))
        {
            string? Text(string key) => nic[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            var modeRequested = Text("mode");
            var mode = modeRequested is null or "auto" ? nicDefaults?["mode"]?.GetValue<string>() ?? "bridged" : modeRequested;
            var network = Text("network");
            var link = Text("link");
            if (network is not null && network.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                network = null;
            }
            else if (network is not null && (modeRequested is not null || link is not null))
            {
                throw SimError.Prereq("If network is given, no mode or link is allowed to be passed", ErrorCode.Invalid);
            }

            var ip = Text("ip");
            if (ip is not null && ip.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                ip = null;
            }
            else if (ip is not null && ip.Equals("auto", StringComparison.OrdinalIgnoreCase))
            {
                if (!ctx.Bool("name_check"))
                {
                    throw SimError.Prereq("IP address set to auto but the name checks are not enabled", ErrorCode.Invalid);
                }

                ip = null;
            }
            else if (ip is not null && ip.Equals("pool", StringComparison.OrdinalIgnoreCase))
            {
                if (network is null)
                {
                    throw SimError.Prereq("if ip=pool, parameter network must be passed too", ErrorCode.Invalid);
                }
            }
            else if (ip is not null && !IPAddress.TryParse(ip, out _))
            {
                throw SimError.Prereq($"Invalid IP address '{ip}'", ErrorCode.Invalid);
            }

            if (mode == "routed" && ip is null && network is null)
            {
                throw SimError.Prereq("Routed nic mode requires an ip address if not attached to a network", ErrorCode.Invalid);
            }

            var mac = Text("mac") ?? "auto";
            if (mac is "auto" or "generate")
            {
                do
                {
                    mac = prefix + ":" + string.Join(':', Enumerable.Range(0, 3).Select(_ => Random.Shared.Next(256).ToString("x2", CultureInfo.InvariantCulture)));
                }
                while (used.Contains(mac));
            }
            else
            {
                mac = mac.ToLowerInvariant();
                if (used.Contains(mac))
                {
                    throw SimError.Prereq($"MAC address {mac} already in use in cluster", ErrorCode.NotUnique);
                }
            }

            used.Add(mac);
            string? networkUuid = null;
            if (network is not null)
            {
                networkUuid = (state.Networks.Values.FirstOrDefault(n => n.Uuid == network || n.Name == network)
                    ?? throw SimError.Prereq($"Network '{network}' not found", ErrorCode.NoEntity)).Uuid;
            }

            var name = Text("name");
            nics.Add(new Nic
            {
                Name = name is not null && name.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : name,
                Mac = mac,
                Ip = ip,
                Mode = mode,
                Link = link ?? nicDefaults?["link"]?.GetValue<string>() ?? "gntbr0",
                Vlan = Text("vlan") ?? string.Empty,
                NetworkUuid = networkUuid,
            });
        }

        return nics;
    }

    /// <summary>The disks as Ganeti builds them (<c>ComputeDisks</c>): a size is required, the access mode is ro or rw.</summary>
    private static List<Disk> Disks(List<JsonObject> disks)
    {
        var result = new List<Disk>();
        foreach (var disk in disks)
        {
            var mode = disk["mode"] is JsonValue m && m.TryGetValue<string>(out var ms) ? ms : "rw";
            if (mode is not ("ro" or "rw"))
            {
                throw SimError.Prereq($"Invalid disk access mode '{mode}'", ErrorCode.Invalid);
            }

            var sizeNode = disk["size"] ?? throw SimError.Prereq("Missing disk size", ErrorCode.Invalid);
            long size;
            if (sizeNode is JsonValue sv && sv.TryGetValue<string>(out var text))
            {
                size = ParameterTypes.PythonInt(sizeNode) ?? ParameterTypes.ParseUnit(text);
            }
            else
            {
                size = ParameterTypes.PythonInt(sizeNode) ?? throw SimError.Prereq($"Invalid disk size '{PythonText.Str(sizeNode)}'", ErrorCode.Invalid);
            }

            var name = disk["name"] is JsonValue n && n.TryGetValue<string>(out var ns) && !ns.Equals("none", StringComparison.OrdinalIgnoreCase) ? ns : null;
            result.Add(new Disk
            {
                Name = name,
                Size = size,
                Mode = mode,
                Spindles = disk["spindles"] is { } spindles ? (int?)ParameterTypes.PythonInt(spindles) : null,
            });
        }

        return result;
    }

    /// <summary>Ganeti's <c>utils.FormatUnit</c> with the automatic unit: sizes below a GiB in MiB, below a TiB in GiB, one decimal.</summary>
    private static string FormatUnit(long mib) => mib switch
    {
        < 1024 => mib.ToString(CultureInfo.InvariantCulture) + "M",
        < 1024 * 1024 => (mib / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + "G",
        _ => (mib / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + "T",
    };
}

/// <summary>What a checked creation will build.</summary>
internal sealed record CreationPlan(
    string Name,
    string Os,
    string Hypervisor,
    DiskTemplate Template,
    List<Node> Nodes,
    List<Disk> Disks,
    List<Nic> Nics,
    JsonObject Beparams,
    JsonObject Hvparams,
    JsonObject Osparams,
    List<string> Tags,
    bool Start,
    long Memory);
