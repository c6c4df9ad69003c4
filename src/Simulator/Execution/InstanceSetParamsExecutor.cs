using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>One device modification in Ganeti's upgraded form: action, index or name, parameters.</summary>
public sealed record DeviceMod(string Action, JsonNode? Identifier, JsonObject Parameters);

/// <summary>
/// Ganeti's device modification lists (<c>LUInstanceSetParams._UpgradeDiskNicMods</c> and
/// <c>ApplyContainerMods</c>): the legacy <c>[action or index, {params}]</c> form is upgraded to
/// <c>[action, index, {params}]</c>, and the modifications are applied to a list in order.
/// </summary>
public static class DeviceMods
{
    private static readonly string[] AddRemove = ["add", "attach", "remove", "detach"];

    /// <summary>The modifications in the three-element form; "disk" or "NIC" names the kind in messages.</summary>
    public static List<DeviceMod> Upgrade(string kind, JsonNode? mods)
    {
        if (mods is not JsonArray list || list.Count == 0)
        {
            return [];
        }

        if (list[0] is JsonArray { Count: 3 })
        {
            return [.. list.Select(m => new DeviceMod(m![0]!.GetValue<string>(), m[1]?.DeepClone(), (JsonObject)m[2]!.DeepClone()))];
        }

        var result = new List<DeviceMod>();
        var addRemove = 0;
        foreach (var item in list)
        {
            var (action, parameters) = (item![0], (JsonObject)item[1]!.DeepClone());
            if (action is JsonValue text && text.GetValueKind() == JsonValueKind.String && AddRemove.Contains(text.GetValue<string>()))
            {
                result.Add(new DeviceMod(text.GetValue<string>(), -1, parameters));
                if (++addRemove > 1)
                {
                    throw SimError.Prereq($"Only one {kind} add/attach/remove/detach operation is supported at a time", ErrorCode.Invalid);
                }
            }
            else
            {
                result.Add(new DeviceMod("modify", action?.DeepClone(), parameters));
            }
        }

        return result;
    }

    /// <summary>Ganeti's <c>GetIndexFromIdentifier</c>: where an added item goes.</summary>
    public static int AddIndex(JsonNode? identifier, string kind, int count)
    {
        if (!TryInt(identifier, out var index))
        {
            throw SimError.Prereq("Only positive integer or -1 is accepted", ErrorCode.Invalid);
        }

        return index == -1 ? count : CheckIndex(index, kind, count);
    }

    /// <summary>Ganeti's <c>GetItemFromContainer</c>: the index of the item an identifier (index, -1, name or uuid) names.</summary>
    public static int ItemIndex<T>(JsonNode? identifier, string kind, IReadOnlyList<T> items, Func<T, string?> name, Func<T, string> uuid)
    {
        if (TryInt(identifier, out var index))
        {
            index = index == -1 ? items.Count - 1 : CheckIndex(index, kind, items.Count);
            if (index < 0 || index >= items.Count)
            {
                throw SimError.Exec("list index out of range");
            }

            return index;
        }

        var text = identifier is JsonValue v && v.TryGetValue<string>(out var s) ? s : PythonText.Str(identifier);
        for (var i = 0; i < items.Count; i++)
        {
            if (uuid(items[i]) == text || name(items[i]) == text)
            {
                return i;
            }
        }

        throw SimError.Prereq($"Cannot find {kind} with identifier {text}", ErrorCode.NoEntity);
    }

    private static int CheckIndex(int index, string kind, int count) =>
        index < 0
            ? throw SimError.Exec("Not accepting negative indices other than -1")
            : index > count ? throw SimError.Exec($"Got {kind} index {index}, but there are only {count}") : index;

    private static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue v && (v.GetValueKind() == JsonValueKind.Number
            ? v.TryGetValue(out value)
            : v.TryGetValue<string>(out var text) && int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));
    }
}

/// <summary>
/// OP_INSTANCE_SET_PARAMS (Ganeti's <c>LUInstanceSetParams</c>): NICs and disks added, removed
/// and modified with the modification lists; backend, hypervisor and OS parameters
/// (<c>"default"</c> removes a custom value); the OS; offline/online; plain↔drbd (and other)
/// disk template conversions; runtime memory. Checks in Ganeti's order with its messages;
/// answers the list of <c>[change, value]</c> pairs Ganeti answers. The simulated hypervisors
/// do not hotplug, so device changes to a running instance take effect at its next start.
/// </summary>
public sealed partial class InstanceSetParamsExecutor : IOpExecutor
{
    private const int MaxDisks = 16;
    private const int MaxNics = 8;

    private static readonly IReadOnlyDictionary<string, ParameterType> NicParameterTypes = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["mac"] = ParameterType.String,
        ["ip"] = ParameterType.MaybeString,
        ["mode"] = ParameterType.String,
        ["link"] = ParameterType.String,
        ["vlan"] = ParameterType.String,
        ["network"] = ParameterType.MaybeString,
        ["name"] = ParameterType.MaybeString,
        ["bridge"] = ParameterType.String,
    };

    private static readonly IReadOnlyDictionary<string, ParameterType> ModifiableDiskParameterTypes = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["mode"] = ParameterType.String,
        ["name"] = ParameterType.MaybeString,
    };

    private static readonly string[] Changes =
        ["nics", "disks", "disk_template", "hvparams", "beparams", "os_name", "osparams", "runtime_mem", "pnode", "osparams_private"];

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [Lookups.InstanceLock(state, op)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var op = ctx.Op;
        if (!Changes.Any(k => ParameterTypes.Truthy(op[k])) && op["offline"] is null && op["instance_communication"] is null)
        {
            throw SimError.Prereq("No changes submitted", ErrorCode.Invalid);
        }

        var diskMods = DeviceMods.Upgrade("disk", op["disks"]);
        var nicMods = DeviceMods.Upgrade("NIC", op["nics"]);
        var template = op["disk_template"] is JsonValue t ? WireNames<DiskTemplate>.Parse(t.GetValue<string>()) : (DiskTemplate?)null;
        if (template is not null)
        {
            if (diskMods.Count > 0)
            {
                throw SimError.Prereq("Disk template conversion and other disk changes not supported at the same time", ErrorCode.Invalid);
            }

            if (template.Value.IsInternallyMirrored() && ctx.String("remote_node") is not null && ctx.String("iallocator") is not null)
            {
                throw SimError.Prereq("Do not specify both, iallocator and node", ErrorCode.Invalid);
            }
        }

        foreach (var mod in nicMods)
        {
            CheckRemoveParameters(mod, "NIC");
            ParameterTypes.Force(mod.Parameters, NicParameterTypes);
            VerifyNic(mod);
        }

        var plan = new Plan();
        lock (ctx.State.Sync)
        {
            Check(ctx, plan, diskMods, nicMods, template);
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (ctx.State.Sync)
        {
            return Apply(ctx, plan);
        }
    }

    /// <summary>CheckPrereq: everything is checked on copies; <paramref name="plan"/> collects the result.</summary>
    private static void Check(OpContext ctx, Plan plan, List<DeviceMod> diskMods, List<DeviceMod> nicMods, DiskTemplate? template)
    {
        var state = ctx.State;
        var op = ctx.Op;
        var instance = Lookups.ExpandInstance(ctx);
        var primary = state.Nodes[instance.PrimaryNodeUuid];
        if (instance.AdminState == AdminState.Up && ctx.Bool("hotplug"))
        {
            ctx.Log($"Hotplug is not supported by the {instance.Hypervisor} hypervisor");
            ctx.Log("Modification will take place without hotplugging.");
        }

        // Disk identifiers given by name or uuid become indices (_LookupDiskMods).
        diskMods = [.. diskMods.Select(m => m with { Identifier = DiskIndex(instance, m.Identifier) })];

        if (template is { } newTemplate)
        {
            CheckTemplate(ctx, plan, instance, newTemplate);
        }

        plan.Disks = [.. instance.Disks.Select(d => new Disk { Uuid = d.Uuid, Name = d.Name, Size = d.Size, Spindles = d.Spindles, Mode = d.Mode })];
        foreach (var mod in diskMods)
        {
            CheckRemoveParameters(mod, "disk");
            VerifyDisk(state, instance, mod, ctx.Bool("wait_for_sync"));
        }

        foreach (var mod in diskMods)
        {
            ApplyDisk(plan, mod);
        }

        ValidateNames("disk", plan.Disks.Select(d => d.Name));
        if (plan.Disks.Count > MaxDisks)
        {
            throw SimError.Prereq($"Instance has too many disks ({MaxDisks}), cannot add more", ErrorCode.State);
        }

        if (op["offline"] is JsonValue offline)
        {
            plan.Offline = offline.GetValue<bool>();
            Lookups.CheckInstanceState(state, instance, [AdminState.Down, AdminState.Offline],
                plan.Offline.Value ? "can't change to offline without being down first" : "can't change to online (down) without being offline first");
        }

        if (op["hvparams"] is JsonObject { Count: > 0 } hvparams)
        {
            var updated = SetParams.Updated(instance.Hvparams, hvparams, useNone: false);
            ParameterTypes.Force(updated, ParameterTypes.Hypervisor);
            plan.Hvparams = updated;
        }

        var beDefaults = NodeFields.BeDefaults(state) ?? [];
        var beOld = SetParams.Filled(beDefaults, instance.Beparams);
        var beNew = beOld;
        if (op["beparams"] is JsonObject { Count: > 0 } beparams)
        {
            var updated = SetParams.Updated(instance.Beparams, beparams, useNone: true);
            if (updated.Remove("memory", out var memory))
            {
                updated["maxmem"] = memory?.DeepClone();
                updated["minmem"] = memory?.DeepClone();
            }

            ParameterTypes.Force(updated, ParameterTypes.Backend);
            plan.Beparams = updated;
            beNew = SetParams.Filled(beDefaults, updated);
        }

        if (op["os_name"] is JsonValue osName)
        {
            var name = osName.GetValue<string>();
            if (!state.OperatingSystems.Any(o => o.Name == name.Split('+', 2)[0]))
            {
                throw SimError.Prereq($"OS '{name}' not in supported OS list for node {primary.Name}", ErrorCode.Invalid);
            }

            plan.Os = name;
        }

        if (op["osparams"] is JsonObject { Count: > 0 } osparams)
        {
            plan.Osparams = SetParams.Updated(instance.Osparams, osparams, useNone: false);
        }

        CheckMemory(ctx, instance, primary, beOld, beNew);

        plan.Nics = [.. instance.Nics.Select(n => new Nic { Uuid = n.Uuid, Name = n.Name, Mac = n.Mac, Ip = n.Ip, Mode = n.Mode, Link = n.Link, Vlan = n.Vlan, NetworkUuid = n.NetworkUuid })];
        foreach (var mod in nicMods)
        {
            ApplyNic(ctx, plan, instance, mod);
        }

        ValidateNames("NIC", plan.Nics.Select(n => n.Name));
        if (plan.Nics.Count > MaxNics)
        {
            throw SimError.Prereq($"Instance has too many network interfaces ({MaxNics}), cannot add more", ErrorCode.State);
        }

        plan.NicsChanged = nicMods.Count > 0;
        plan.DisksChanged = diskMods.Count > 0;
    }

    private static JsonNode? DiskIndex(Instance instance, JsonNode? identifier)
    {
        if (identifier is JsonValue v && (v.GetValueKind() == JsonValueKind.Number || (v.TryGetValue<string>(out var s) && int.TryParse(s.Trim(), CultureInfo.InvariantCulture, out _))))
        {
            return identifier;
        }

        var text = PythonText.Str(identifier);
        var index = instance.Disks.FindIndex(d => d.Name == text || d.Uuid == text);
        return index >= 0 ? index : throw SimError.Prereq($"Lookup of disk {PythonText.Repr(identifier)} failed");
    }

    private static void CheckTemplate(OpContext ctx, Plan plan, Instance instance, DiskTemplate template)
    {
        var state = ctx.State;
        string Wire(DiskTemplate t) => WireNames<DiskTemplate>.ToWire(t);
        if (instance.Disks.Count == 0 || instance.DiskTemplate == DiskTemplate.Diskless)
        {
            throw SimError.Prereq($"Conversion from the '{Wire(instance.DiskTemplate)}' disk template is not supported", ErrorCode.Invalid);
        }

        if (template is DiskTemplate.Diskless or DiskTemplate.BlockDev)
        {
            throw SimError.Prereq($"Conversion to the '{Wire(template)}' disk template is not supported", ErrorCode.Invalid);
        }

        if (template != DiskTemplate.Ext && instance.DiskTemplate == template)
        {
            throw SimError.Prereq($"Instance already has disk template {Wire(template)}", ErrorCode.Invalid);
        }

        if (!state.Cluster.EnabledDiskTemplates.Contains(Wire(template)))
        {
            throw SimError.Prereq($"Disk template '{Wire(template)}' is not enabled for this cluster (enabled templates: {PythonText.CommaJoin(state.Cluster.EnabledDiskTemplates)})", ErrorCode.State);
        }

        if (string.IsNullOrEmpty(state.Cluster.VolumeGroupName) && NodeCapacity.UsesVolumeGroup(template))
        {
            throw SimError.Prereq("Disk template conversions to lvm-based instances are not supported by the cluster", ErrorCode.State);
        }

        Lookups.CheckInstanceState(state, instance, [AdminState.Down], "cannot change disk template");
        plan.Template = template;
        if (!template.IsInternallyMirrored())
        {
            if (ctx.String("remote_node") is not null)
            {
                ctx.Log("Changing the disk template to a non-mirrored one, the secondary node will be ignored");
            }

            plan.Secondaries = [];
            return;
        }

        Node secondary;
        if (ctx.String("remote_node") is { } remote)
        {
            secondary = Lookups.Node(state, remote);
            ctx.Op["remote_node"] = secondary.Name;
            ctx.Op["remote_node_uuid"] = secondary.Uuid;
            if (secondary.Uuid == instance.PrimaryNodeUuid)
            {
                throw SimError.Prereq($"Given new secondary node {secondary.Name} is the same as the primary node of the instance", ErrorCode.State);
            }
        }
        else
        {
            var iallocator = ctx.String("iallocator") ?? state.Cluster.Parameters["default_iallocator"]?.GetValue<string>() ?? "hail";
            secondary = Allocator.PickSecondary(state, instance, exclude: [])
                ?? throw SimError.Prereq($"Can't compute nodes using iallocator '{iallocator}': no suitable node for instance {instance.Name}", ErrorCode.NoResources);
        }

        Lookups.CheckNodeOnline(secondary);
        var needed = instance.Disks.Sum(d => d.Size + 128);
        var free = NodeCapacity.FreeDisk(state, secondary);
        if (needed > free)
        {
            throw SimError.Prereq(
                string.Create(CultureInfo.InvariantCulture, $"Not enough disk space on target node {secondary.Name} vg {state.Cluster.VolumeGroupName}: required {needed} MiB, available {free} MiB"),
                ErrorCode.NoResources);
        }

        plan.Secondaries = [secondary.Uuid];
    }

    private static void CheckRemoveParameters(DeviceMod mod, string kind)
    {
        if (mod.Action is "remove" or "detach" && mod.Parameters.Count > 0)
        {
            throw SimError.Prereq($"No settings should be passed when removing or detaching a {kind}", ErrorCode.Invalid);
        }
    }

    private static void VerifyNic(DeviceMod mod)
    {
        var p = mod.Parameters;
        if (mod.Action is not ("add" or "modify"))
        {
            return;
        }

        string? Text(string key) => p[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var network = Text("network");
        if (Text("name") is { } name && name.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            p["name"] = null;
        }

        if (network is not null)
        {
            if (network.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                p["network"] = null;
                network = null;
            }
            else if (p["link"] is not null || p["mode"] is not null)
            {
                throw SimError.Prereq("If network is given mode or link should not", ErrorCode.Invalid);
            }
        }

        if (mod.Action == "add" && p["mac"] is null)
        {
            p["mac"] = "auto";
        }

        if (Text("ip") is { } ip)
        {
            if (ip.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                p["ip"] = null;
            }
            else if (ip.Equals("pool", StringComparison.OrdinalIgnoreCase))
            {
                if (mod.Action == "add" && network is null)
                {
                    throw SimError.Prereq("If ip=pool, parameter network cannot be none", ErrorCode.Invalid);
                }
            }
            else if (!IPAddress.TryParse(ip, out _) || !ip.Contains('.', StringComparison.Ordinal) && !ip.Contains(':', StringComparison.Ordinal))
            {
                throw SimError.Prereq($"Invalid IP address '{ip}'", ErrorCode.Invalid);
            }
        }

        if (Text("mac") is { } mac)
        {
            if (mac is not ("auto" or "generate"))
            {
                if (!MacFormat().IsMatch(mac))
                {
                    throw SimError.Prereq($"Invalid MAC address '{mac}'", ErrorCode.Invalid);
                }

                p["mac"] = mac.ToLowerInvariant();
            }

            if (mod.Action == "modify" && mac == "auto")
            {
                throw SimError.Prereq("'auto' is not a valid MAC address when modifying an existing NIC", ErrorCode.Invalid);
            }
        }
    }

    private static void VerifyDisk(ClusterState state, Instance instance, DeviceMod mod, bool waitForSync)
    {
        var p = mod.Parameters;
        var template = p["type"] is JsonValue type ? type.GetValue<string>() : WireNames<DiskTemplate>.ToWire(instance.DiskTemplate);
        if (mod.Action == "add")
        {
            p["type"] = template;
            if (template == "diskless")
            {
                throw SimError.Prereq("Must specify disk type on diskless instance", ErrorCode.Invalid);
            }

            p.Remove("type");
            ParameterTypes.Force(p, ParameterTypes.InstanceDisk);
            p["type"] = template;
            p["mode"] ??= "rw";
            var mode = p["mode"]!.GetValue<string>();
            if (mode is not ("rw" or "ro"))
            {
                throw SimError.Prereq($"Invalid disk access mode '{mode}'", ErrorCode.Invalid);
            }

            if (p["size"] is null)
            {
                throw SimError.Prereq("Required disk parameter 'size' missing", ErrorCode.Invalid);
            }

            NoneName(p);
        }

        if (mod.Action is "add" or "attach" && !waitForSync && !instance.DisksActive)
        {
            throw SimError.Prereq($"Can't {mod.Action} a disk to an instance with deactivated disks and --no-wait-for-sync given", ErrorCode.Invalid);
        }

        if (mod.Action == "attach")
        {
            throw SimError.Prereq("Attaching disks is not supported by the simulated cluster", ErrorCode.Invalid);
        }

        if (mod.Action == "modify")
        {
            if (p.ContainsKey("size"))
            {
                throw SimError.Prereq("Disk size change not possible, use grow-disk", ErrorCode.Invalid);
            }

            ParameterTypes.Force(p, ModifiableDiskParameterTypes);
            NoneName(p);
            if (p["mode"] is JsonValue m && m.GetValue<string>() is not ("rw" or "ro") && m.GetValue<string>() is var bad)
            {
                throw SimError.Prereq($"Invalid disk access mode '{bad}'", ErrorCode.Invalid);
            }
        }

        if (mod.Action is "remove" or "detach")
        {
            Lookups.CheckInstanceState(state, instance, [AdminState.Down, AdminState.Offline], "can't remove volume from a running instance without using hotplug");
        }
    }

    private static void NoneName(JsonObject p)
    {
        if (p["name"] is JsonValue n && n.TryGetValue<string>(out var name) && name.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            p["name"] = null;
        }
    }

    private static void ApplyDisk(Plan plan, DeviceMod mod)
    {
        var p = mod.Parameters;
        switch (mod.Action)
        {
            case "add":
                var index = DeviceMods.AddIndex(mod.Identifier, "disk", plan.Disks.Count);
                var disk = new Disk { Size = JsonNumbers.Int64(p["size"]), Mode = p["mode"]!.GetValue<string>(), Name = p["name"]?.GetValue<string>() };
                if (p["spindles"] is JsonValue spindles)
                {
                    disk.Spindles = (int)JsonNumbers.Int64(spindles);
                }

                plan.Disks.Insert(index, disk);
                plan.Result.Add(($"disk/{index}", string.Create(CultureInfo.InvariantCulture, $"add:size={disk.Size},mode={disk.Mode}")));
                break;
            case "remove" or "detach":
                var removed = DeviceMods.ItemIndex(mod.Identifier, "disk", plan.Disks, d => d.Name, d => d.Uuid);
                plan.Result.Add(($"disk/{removed}", mod.Action));
                plan.Disks.RemoveAt(removed);
                break;
            default:
                var at = DeviceMods.ItemIndex(mod.Identifier, "disk", plan.Disks, d => d.Name, d => d.Uuid);
                if (p["mode"] is JsonValue mode)
                {
                    plan.Disks[at].Mode = mode.GetValue<string>();
                    plan.Result.Add(($"disk.mode/{at}", plan.Disks[at].Mode));
                }

                if (p.ContainsKey("name"))
                {
                    plan.Disks[at].Name = p["name"]?.GetValue<string>();
                    plan.Result.Add(($"disk.name/{at}", plan.Disks[at].Name));
                }

                break;
        }
    }

    private static void ApplyNic(OpContext ctx, Plan plan, Instance instance, DeviceMod mod)
    {
        var state = ctx.State;
        var p = mod.Parameters;
        switch (mod.Action)
        {
            case "attach":
                throw SimError.Prereq("Attach operation is not supported for NICs", ErrorCode.Invalid);
            case "detach":
                throw SimError.Prereq("Detach operation is not supported for NICs", ErrorCode.Invalid);
            case "add":
                {
                    var index = DeviceMods.AddIndex(mod.Identifier, "NIC", plan.Nics.Count);
                    var nic = new Nic { Name = p["name"]?.GetValue<string>() };
                    var network = NicNetwork(state, instance, p, null, out var netparams);
                    var filled = NicParams(state, netparams ?? SetParams.Updated([], NicParameterUpdates(p), useNone: false));
                    nic.NetworkUuid = network?.Uuid;
                    nic.Mode = filled["mode"]!.GetValue<string>();
                    nic.Link = filled["link"]!.GetValue<string>();
                    nic.Vlan = filled["vlan"]?.GetValue<string>() ?? string.Empty;
                    nic.Ip = NicAddress(ctx, state, instance, plan.Nics, network, p["ip"]?.GetValue<string>());
                    nic.Mac = NicMac(state, p["mac"]!.GetValue<string>(), null);
                    plan.Nics.Insert(index, nic);
                    plan.NicResult.Add(($"nic.{index}", $"add:mac={nic.Mac},ip={nic.Ip ?? "None"},mode={nic.Mode},link={nic.Link},network={(p["network"] is JsonValue n ? n.GetValue<string>() : "None")}"));
                    break;
                }

            case "remove":
                {
                    var index = DeviceMods.ItemIndex(mod.Identifier, "NIC", plan.Nics, n => n.Name, n => n.Uuid);
                    plan.NicResult.Add(($"NIC/{index}", "remove"));
                    plan.Nics.RemoveAt(index);
                    break;
                }

            default:
                {
                    var index = DeviceMods.ItemIndex(mod.Identifier, "NIC", plan.Nics, n => n.Name, n => n.Uuid);
                    var nic = plan.Nics[index];
                    var network = NicNetwork(state, instance, p, nic.NetworkUuid, out var netparams);
                    if (p.ContainsKey("ip"))
                    {
                        p["ip"] = NicAddress(ctx, state, instance, plan.Nics.Where(n => n != nic), network, p["ip"]?.GetValue<string>());
                    }

                    var old = new JsonObject { ["mode"] = nic.Mode, ["link"] = nic.Link, ["vlan"] = nic.Vlan };
                    var filled = NicParams(state, netparams ?? SetParams.Updated(old, NicParameterUpdates(p), useNone: false));
                    foreach (var key in new[] { "mac", "ip", "name" }.Where(p.ContainsKey))
                    {
                        var value = key == "mac" ? NicMac(state, p["mac"]!.GetValue<string>(), nic) : p[key]?.GetValue<string>();
                        plan.NicResult.Add(($"nic.{key}/{index}", value));
                        if (key == "mac")
                        {
                            nic.Mac = value!;
                        }
                        else if (key == "ip")
                        {
                            nic.Ip = value;
                        }
                        else
                        {
                            nic.Name = value;
                        }
                    }

                    if (network?.Uuid != nic.NetworkUuid)
                    {
                        plan.NicResult.Add(($"nic.network/{index}", network?.Name));
                        nic.NetworkUuid = network?.Uuid;
                    }

                    nic.Mode = filled["mode"]!.GetValue<string>();
                    nic.Link = filled["link"]!.GetValue<string>();
                    nic.Vlan = filled["vlan"]?.GetValue<string>() ?? string.Empty;
                    foreach (var (key, value) in filled)
                    {
                        plan.NicResult.Add(($"nic.{key}/{index}", value?.GetValue<string>()));
                    }

                    break;
                }
        }
    }

    /// <summary>The NIC parameters (mode, link, vlan) a modification sets; <c>bridge</c> names the link.</summary>
    /// <summary>
    /// A NIC's address on a network, as Ganeti settles it before the change: <c>pool</c> takes
    /// the network's first free address (the instance's other NICs count as using theirs); a
    /// given address must belong to the network and be free there.
    /// </summary>
    private static string? NicAddress(OpContext ctx, ClusterState state, Instance instance, IEnumerable<Nic> otherNics, Network? network, string? requested)
    {
        if (network is null || requested is null)
        {
            return requested;
        }

        var pool = AddressPool.Open(network, state.Instances.Values.Where(i => i.Uuid != instance.Uuid).Append(new Instance { Nics = [.. otherNics] }));
        return pool.Claim(requested, ctx.Bool("conflicts_check"), "Unable to get a free IP from the address pool", ctx.Log);
    }

    private static JsonObject NicParameterUpdates(JsonObject p)
    {
        var updates = new JsonObject();
        foreach (var key in new[] { "mode", "link", "vlan" })
        {
            if (p.TryGetPropertyValue(key, out var value))
            {
                updates[key] = value?.DeepClone();
            }
        }

        if (!updates.ContainsKey("link") && p["bridge"] is { } bridge)
        {
            updates["link"] = bridge.DeepClone();
        }

        return updates;
    }

    /// <summary>The cluster's NIC defaults filled with <paramref name="parameters"/>, checked as Ganeti's <c>NIC.CheckParameterSyntax</c> does.</summary>
    private static JsonObject NicParams(ClusterState state, JsonObject parameters)
    {
        var filled = SetParams.Filled(state.Cluster.Defaults("nicparams")?["default"] as JsonObject ?? [], parameters);
        var mode = filled["mode"]?.GetValue<string>();
        if (mode is not ("bridged" or "routed" or "openvswitch"))
        {
            throw SimError.Of("ConfigurationError", $"Invalid NIC mode '{mode}'");
        }

        if (mode == "bridged" && string.IsNullOrEmpty(filled["link"]?.GetValue<string>()))
        {
            throw SimError.Of("ConfigurationError", "Missing bridged NIC link");
        }

        return filled;
    }

    /// <summary>The network a NIC will be on (given, or kept), and its parameters on the primary's group when it changes.</summary>
    private static Network? NicNetwork(ClusterState state, Instance instance, JsonObject p, string? current, out JsonObject? netparams)
    {
        netparams = null;
        var wanted = p.ContainsKey("network") ? p["network"]?.GetValue<string>() : current;
        if (string.IsNullOrEmpty(wanted))
        {
            return null;
        }

        var network = state.Networks.TryGetValue(wanted, out var byUuid) ? byUuid : state.Networks.Values.FirstOrDefault(n => n.Name == wanted)
            ?? throw SimError.Prereq($"Network '{wanted}' not found", ErrorCode.NoEntity);
        var group = state.Groups[state.Nodes[instance.PrimaryNodeUuid].GroupUuid];
        if (!group.Networks.TryGetValue(network.Uuid, out var connected))
        {
            throw SimError.Prereq($"No netparams found for the network {network.Name}, probably not connected", ErrorCode.Invalid);
        }

        netparams = (JsonObject)connected.DeepClone();
        return network;
    }

    /// <summary>A NIC's MAC: generated for auto/generate, otherwise it must not be in use by another NIC.</summary>
    private static string NicMac(ClusterState state, string mac, Nic? nic)
    {
        var used = state.Instances.Values.SelectMany(i => i.Nics).Where(n => n.Uuid != nic?.Uuid).Select(n => n.Mac).ToHashSet(StringComparer.Ordinal);
        if (mac is "auto" or "generate")
        {
            string generated;
            do
            {
                generated = "aa:00:00:" + string.Join(':', Enumerable.Range(0, 3).Select(_ => Random.Shared.Next(256).ToString("x2", CultureInfo.InvariantCulture)));
            }
            while (used.Contains(generated));
            return generated;
        }

        return used.Contains(mac)
            ? throw SimError.Prereq($"MAC address '{mac}' already in use in cluster", ErrorCode.NotUnique)
            : mac;
    }

    /// <summary>Ganeti's <c>ValidateDeviceNames</c>: names may not look like numbers nor repeat.</summary>
    private static void ValidateNames(string kind, IEnumerable<string?> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.OfType<string>())
        {
            if (int.TryParse(name, CultureInfo.InvariantCulture, out _))
            {
                throw SimError.Prereq($"Invalid {kind} name '{name}'. Device names cannot be integers", ErrorCode.Invalid);
            }

            if (!seen.Add(name))
            {
                throw SimError.Prereq($"{kind} name '{name}' already used", ErrorCode.NotUnique);
            }
        }
    }

    private static void CheckMemory(OpContext ctx, Instance instance, Node primary, JsonObject beOld, JsonObject beNew)
    {
        var state = ctx.State;
        long Mem(JsonObject be, string key) => JsonNumbers.Int64(be[key]);
        if (!ctx.Bool("force") && Mem(beNew, "maxmem") > Mem(beOld, "maxmem") && !primary.Offline)
        {
            var current = instance.Running ? Mem(beOld, "maxmem") : 0;
            var missing = Mem(beNew, "maxmem") - current - NodeFields.FreeMemory(state, primary);
            if (missing > 0)
            {
                throw SimError.Prereq($"This change will prevent the instance from starting, due to {missing} MB of memory missing on its primary node", ErrorCode.NoResources);
            }
        }

        if (ctx.Op["runtime_mem"] is JsonValue runtime)
        {
            var wanted = JsonNumbers.Int64(runtime);
            if (!instance.Running)
            {
                throw SimError.Prereq($"Instance {instance.Name} is not running", ErrorCode.State);
            }

            if (!ctx.Bool("force") && (wanted < Mem(beNew, "minmem") || wanted > Mem(beNew, "maxmem")))
            {
                throw SimError.Prereq(
                    string.Create(CultureInfo.InvariantCulture, $"Instance {instance.Name} must have memory between {Mem(beNew, "minmem")} and {Mem(beNew, "maxmem")} MB of memory unless --force is given"),
                    ErrorCode.Invalid);
            }
        }
    }

    /// <summary>Exec: applies the plan and answers Ganeti's list of changes.</summary>
    private static JsonArray Apply(OpContext ctx, Plan plan)
    {
        var state = ctx.State;
        var op = ctx.Op;
        var instance = state.Instances[op["instance_uuid"]!.GetValue<string>()];
        var result = new List<(string Key, JsonNode? Value)>();
        if (op["runtime_mem"] is JsonValue runtime)
        {
            result.Add(("runtime_memory", JsonNumbers.Int64(runtime)));
        }

        if (plan.DisksChanged)
        {
            instance.Disks = plan.Disks;
            result.AddRange(plan.Result.Select(r => (r.Key, (JsonNode?)r.Value)));
        }

        if (plan.Template is { } template)
        {
            instance.DiskTemplate = template;
            instance.SecondaryNodeUuids = plan.Secondaries;
            result.Add(("disk_template", WireNames<DiskTemplate>.ToWire(template)));
        }

        if (plan.NicsChanged)
        {
            instance.Nics = plan.Nics;
            result.AddRange(plan.NicResult.Select(r => (r.Key, (JsonNode?)r.Value)));
        }

        if (plan.Hvparams is not null)
        {
            instance.Hvparams = plan.Hvparams;
            result.AddRange(((JsonObject)op["hvparams"]!).Select(p => ($"hv/{p.Key}", p.Value?.DeepClone())));
        }

        if (plan.Beparams is not null)
        {
            instance.Beparams = plan.Beparams;
            result.AddRange(((JsonObject)op["beparams"]!).Select(p => ($"be/{p.Key}", p.Value?.DeepClone())));
        }

        if (plan.Os is not null)
        {
            instance.Os = plan.Os;
        }

        if (plan.Osparams is not null)
        {
            instance.Osparams = plan.Osparams;
            result.AddRange(((JsonObject)op["osparams"]!).Select(p => ($"os/{p.Key}", p.Value?.DeepClone())));
        }

        if (plan.Offline is { } offline)
        {
            instance.AdminState = offline ? AdminState.Offline : AdminState.Down;
            instance.AdminStateSource = "admin";
            result.Add(("admin_state", offline ? "offline" : "down"));
        }

        instance.Touch(ctx.Now);
        ctx.Store.SaveObjects([instance]);
        return new JsonArray([.. result.Select(r => (JsonNode)new JsonArray(r.Key, r.Value))]);
    }

    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$")]
    private static partial Regex MacFormat();

    /// <summary>What CheckPrereq worked out, for Exec to apply.</summary>
    private sealed class Plan
    {
        public List<Disk> Disks { get; set; } = [];

        public List<Nic> Nics { get; set; } = [];

        public bool DisksChanged { get; set; }

        public bool NicsChanged { get; set; }

        public List<(string Key, string? Value)> Result { get; } = [];

        public List<(string Key, string? Value)> NicResult { get; } = [];

        public DiskTemplate? Template { get; set; }

        public List<string> Secondaries { get; set; } = [];

        public JsonObject? Hvparams { get; set; }

        public JsonObject? Beparams { get; set; }

        public string? Os { get; set; }

        public JsonObject? Osparams { get; set; }

        public bool? Offline { get; set; }
    }
}

/// <summary>Ganeti's parameter-dict helpers (<c>GetUpdatedParams</c>, <c>FillDict</c>).</summary>
internal static class SetParams
{
    /// <summary>A copy of <paramref name="old"/> updated with <paramref name="update"/>: "default" (and null with <paramref name="useNone"/>) removes a key.</summary>
    public static JsonObject Updated(JsonObject old, JsonObject update, bool useNone)
    {
        var result = (JsonObject)old.DeepClone();
        foreach (var (key, value) in update)
        {
            if ((value is JsonValue v && v.TryGetValue<string>(out var s) && s == "default") || (useNone && value is null))
            {
                result.Remove(key);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>The defaults with the custom values over them.</summary>
    public static JsonObject Filled(JsonObject defaults, JsonObject custom)
    {
        var result = (JsonObject)defaults.DeepClone();
        foreach (var (key, value) in custom)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }
}
