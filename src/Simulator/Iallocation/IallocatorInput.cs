using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Execution;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Iallocation;

/// <summary>A new instance as an allocation request describes it.</summary>
public sealed record NewInstanceRequest(
    string Name,
    DiskTemplate Template,
    string? GroupName,
    IReadOnlyList<string> Tags,
    string Os,
    long Vcpus,
    long Memory,
    long SpindleUse,
    IReadOnlyList<(long Size, string Mode)> Disks,
    IReadOnlyList<Nic> Nics,
    string Hypervisor);

/// <summary>
/// The iallocator input document (protocol version 2) as Ganeti's master builds it
/// (<c>IAllocator._BuildInputData</c>): the cluster, its node groups (by uuid), its nodes and
/// instances (by name) with their resources, and the request.
/// </summary>
public static class IallocatorInput
{
    /// <summary>The iallocator protocol version Ganeti 3.0 speaks.</summary>
    public const int Version = 2;

    /// <summary>The document for an <c>allocate</c> request.</summary>
    public static JsonObject Allocate(ClusterState state, NewInstanceRequest request)
    {
        var data = ClusterData(state, request.Template, request.Hypervisor);
        var r = InstanceRequest(request);
        r["type"] = "allocate";
        data["request"] = r;
        return data;
    }

    /// <summary>The document for a <c>multi-allocate</c> request.</summary>
    public static JsonObject MultiAllocate(ClusterState state, IReadOnlyList<NewInstanceRequest> requests)
    {
        var template = requests.Count > 0 ? requests[0].Template : FirstEnabledTemplate(state);
        var data = ClusterData(state, template, PrimaryHypervisor(state));
        data["request"] = new JsonObject
        {
            ["instances"] = new JsonArray([.. requests.Select(r => (JsonNode)InstanceRequest(r))]),
            ["type"] = "multi-allocate",
        };
        return data;
    }

    /// <summary>The document for a <c>node-evacuate</c> request (mode <c>primary-only</c>, <c>secondary-only</c> or <c>all</c>).</summary>
    public static JsonObject NodeEvacuate(ClusterState state, IReadOnlyList<string> instanceNames, string mode)
    {
        var data = ClusterData(state, FirstEnabledTemplate(state), PrimaryHypervisor(state));
        data["request"] = new JsonObject
        {
            ["instances"] = new JsonArray([.. instanceNames.Select(n => (JsonNode)n)]),
            ["evac_mode"] = mode,
            ["type"] = "node-evacuate",
        };
        return data;
    }

    /// <summary>The document for a <c>relocate</c> request: a new node for an externally mirrored instance, away from <paramref name="from"/>.</summary>
    public static JsonObject Relocate(ClusterState state, Instance instance, IReadOnlyList<string> from)
    {
        var data = ClusterData(state, instance.DiskTemplate, instance.Hypervisor);
        data["request"] = new JsonObject
        {
            ["name"] = instance.Name,
            ["disk_space_total"] = DiskSpaceTotal(instance.DiskTemplate, instance.Disks.Select(d => d.Size)),
            ["required_nodes"] = 1,
            ["relocate_from"] = Strings(from),
            ["type"] = "relocate",
        };
        return data;
    }

    /// <summary>Ganeti's <c>ComputeDiskSize</c>: what the disks take in all, DRBD's metadata included.</summary>
    public static long DiskSpaceTotal(DiskTemplate template, IEnumerable<long> sizes) => template switch
    {
        DiskTemplate.Diskless => 0,
        DiskTemplate.Drbd => sizes.Sum(s => s + StorageModel.DrbdMetadataSize),
        _ => sizes.Sum(),
    };

    private static JsonObject InstanceRequest(NewInstanceRequest r)
    {
        var template = WireNames<DiskTemplate>.ToWire(r.Template);
        return new JsonObject
        {
            ["name"] = r.Name,
            ["disk_template"] = template,
            ["group_name"] = r.GroupName,
            ["tags"] = Strings(r.Tags),
            ["os"] = r.Os,
            ["vcpus"] = r.Vcpus,
            ["memory"] = r.Memory,
            ["spindle_use"] = r.SpindleUse,
            ["disks"] = new JsonArray([.. r.Disks.Select(d => (JsonNode)new JsonObject { ["size"] = d.Size, ["mode"] = d.Mode, ["dev_type"] = template })]),
            ["disk_space_total"] = DiskSpaceTotal(r.Template, r.Disks.Select(d => d.Size)),
            ["nics"] = new JsonArray([.. r.Nics.Select(Nic)]),
            ["required_nodes"] = r.Template.IsInternallyMirrored() ? 2 : 1,
            ["hypervisor"] = r.Hypervisor,
        };
    }

    private static DiskTemplate FirstEnabledTemplate(ClusterState state) =>
        state.Cluster.EnabledDiskTemplates.FirstOrDefault() is { } t && WireNames<DiskTemplate>.TryParse(t, out var template) ? template : DiskTemplate.Diskless;

    private static string PrimaryHypervisor(ClusterState state) => state.Cluster.EnabledHypervisors.FirstOrDefault() ?? "fake";

    private static JsonObject ClusterData(ClusterState state, DiskTemplate template, string hypervisor)
    {
        _ = hypervisor;
        var cluster = state.Cluster;
        var beDefaults = NodeFields.BeDefaults(state);
        var storage = StorageModel.Of(state);
        var groups = new JsonObject();
        foreach (var g in state.Groups.Values.OrderBy(g => g.Uuid, StringComparer.Ordinal))
        {
            groups[g.Uuid] = new JsonObject
            {
                ["name"] = g.Name,
                ["alloc_policy"] = g.AllocPolicy,
                ["networks"] = Strings(g.Networks.Keys.Order(StringComparer.Ordinal)),
                ["ipolicy"] = GroupFields.FilledIpolicy(cluster.Defaults("ipolicy"), g.Ipolicy),
                ["tags"] = Strings(g.Tags),
            };
        }

        var nodes = new JsonObject();
        foreach (var n in state.Nodes.Values.OrderBy(n => n.Name, NiceSort.Instance))
        {
            var node = new JsonObject();
            if (!n.Offline)
            {
                var primaries = state.Instances.Values.Where(i => i.PrimaryNodeUuid == n.Uuid).ToList();
                var up = primaries.Where(i => i.AdminState == AdminState.Up).ToList();
                var (total, free) = Storage(state, storage, n, template);
                var (totalSpindles, freeSpindles) = template is DiskTemplate.Plain or DiskTemplate.Drbd ? Spindles(storage, n) : (0, 0);
                node["total_memory"] = n.MemoryTotal;
                node["reserved_memory"] = n.MemoryDom0;
                node["free_memory"] = n.MemoryTotal - n.MemoryDom0
                    - primaries.Where(i => i.Running || i.AdminState == AdminState.Up).Sum(i => NodeFields.InstanceMemory(i, beDefaults));
                node["total_disk"] = total;
                node["free_disk"] = free;
                node["total_spindles"] = totalSpindles;
                node["free_spindles"] = freeSpindles;
                node["total_cpus"] = n.CpuTotal;
                node["reserved_cpus"] = 1;
                node["i_pri_memory"] = primaries.Sum(i => NodeFields.InstanceMemory(i, beDefaults));
                node["i_pri_up_memory"] = up.Sum(i => NodeFields.InstanceMemory(i, beDefaults));
            }

            node["tags"] = Strings(n.Tags);
            node["primary_ip"] = n.PrimaryIp;
            node["secondary_ip"] = n.SecondaryIp;
            node["offline"] = n.Offline;
            node["drained"] = n.Drained;
            node["master_candidate"] = n.MasterCandidate;
            node["group"] = n.GroupUuid;
            node["master_capable"] = n.MasterCapable;
            node["vm_capable"] = n.VmCapable;
            node["ndparams"] = Merge(cluster.Defaults("ndparams"), state.Groups.TryGetValue(n.GroupUuid, out var group) ? group.Ndparams : null, n.Ndparams);
            nodes[n.Name] = node;
        }

        var instances = new JsonObject();
        foreach (var i in state.Instances.Values.OrderBy(i => i.Name, NiceSort.Instance))
        {
            var template2 = WireNames<DiskTemplate>.ToWire(i.DiskTemplate);
            instances[i.Name] = new JsonObject
            {
                ["tags"] = Strings(i.Tags),
                ["admin_state"] = WireNames<AdminState>.ToWire(i.AdminState),
                ["vcpus"] = JsonNumbers.Int64(i.Beparams["vcpus"] ?? beDefaults?["vcpus"]),
                ["memory"] = NodeFields.InstanceMemory(i, beDefaults),
                ["spindle_use"] = JsonNumbers.Int64(i.Beparams["spindle_use"] ?? beDefaults?["spindle_use"]),
                ["os"] = i.Os,
                ["nodes"] = Strings([state.NodeName(i.PrimaryNodeUuid), .. i.SecondaryNodeUuids.Select(state.NodeName)]),
                ["nics"] = new JsonArray([.. i.Nics.Select(Nic)]),
                ["disks"] = new JsonArray([.. i.Disks.Select(d => (JsonNode)new JsonObject
                {
                    ["dev_type"] = template2,
                    ["size"] = d.Size,
                    ["mode"] = d.Mode,
                    ["spindles"] = d.Spindles,
                })]),
                ["disk_template"] = template2,
                ["disks_active"] = i.DisksActive,
                ["hypervisor"] = i.Hypervisor,
                ["disk_space_total"] = DiskSpaceTotal(i.DiskTemplate, i.Disks.Select(d => d.Size)),
            };
        }

        return new JsonObject
        {
            ["version"] = Version,
            ["cluster_name"] = cluster.Name,
            ["cluster_tags"] = Strings(cluster.Tags),
            ["enabled_hypervisors"] = Strings(cluster.EnabledHypervisors),
            ["ipolicy"] = cluster.Defaults("ipolicy")?.DeepClone() ?? new JsonObject(),
            ["nodegroups"] = groups,
            ["nodes"] = nodes,
            ["instances"] = instances,
        };
    }

    /// <summary>What the node reports for the template's storage: LVM's volume group, the file storage directory, or nothing (Ganeti reports only file and LVM space).</summary>
    private static (long Total, long Free) Storage(ClusterState state, StorageModel storage, Node n, DiskTemplate template)
    {
        var unit = template switch
        {
            DiskTemplate.Plain or DiskTemplate.Drbd => storage.VolumeGroups(n).FirstOrDefault(u => u.Name == state.Cluster.VolumeGroupName),
            DiskTemplate.File => storage.FileDirectory(n, "file"),
            _ => null,
        };
        return unit is null ? (0, 0) : (unit.Size, unit.Free);
    }

    private static (long Total, long Free) Spindles(StorageModel storage, Node n)
    {
        var pvs = storage.PhysicalVolumes(n);
        return (pvs.Count, pvs.Count(pv => pv.Free > 0));
    }

    private static JsonNode Nic(Nic nic)
    {
        var o = new JsonObject { ["mac"] = nic.Mac, ["ip"] = nic.Ip, ["mode"] = nic.Mode, ["link"] = nic.Link };
        if (nic.Mode == "bridged")
        {
            o["bridge"] = nic.Link;
        }

        return o;
    }

    private static JsonObject Merge(params JsonObject?[] layers)
    {
        var merged = new JsonObject();
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer ?? [])
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
