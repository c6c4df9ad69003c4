using System.Text.Json.Nodes;
using Ganeti.Domain.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>Node query fields; live values (memory, disk, CPUs) are null for offline nodes.</summary>
public static class NodeFields
{
    public static FieldTable<Node> Create(ClusterState state)
    {
        var cluster = state.Cluster;
        IEnumerable<Instance> Primaries(Node n) => state.Instances.Values.Where(i => i.PrimaryNodeUuid == n.Uuid);
        IEnumerable<Instance> Secondaries(Node n) => state.Instances.Values.Where(i => i.SecondaryNodeUuids.Contains(n.Uuid));
        JsonNode? Live(Node n, Func<JsonNode?> value) => n.Offline ? null : value();
        long DiskUsed(Node n) =>
            Primaries(n).Concat(Secondaries(n)).Where(i => i.DiskTemplate is not Domain.Instances.DiskTemplate.File and not Domain.Instances.DiskTemplate.Diskless).Sum(InstanceFields.DiskUsage)
            + Primaries(n).Where(i => i.DiskTemplate == Domain.Instances.DiskTemplate.File).Sum(InstanceFields.DiskUsage);
        long MemUsed(Node n) => Primaries(n).Where(i => i.Running).Sum(i => BeInt(cluster, i, "maxmem"));
        NodeRole Role(Node n) => NodeRoles.FromFlags(n.Uuid == cluster.MasterNodeUuid, n.MasterCandidate, n.Drained, n.Offline);
        JsonObject Ndparams(Node n)
        {
            var merged = cluster.Defaults("ndparams")?.DeepClone().AsObject() ?? [];
            foreach (var source in new[] { state.Groups[n.GroupUuid].Ndparams, n.Ndparams })
            {
                foreach (var (key, value) in source)
                {
                    merged[key] = value?.DeepClone();
                }
            }

            return merged;
        }

        var fields = new Dictionary<string, Func<Node, JsonNode?>>
        {
            ["name"] = n => n.Name,
            ["uuid"] = n => n.Uuid,
            ["offline"] = n => n.Offline,
            ["master_candidate"] = n => n.MasterCandidate,
            ["drained"] = n => n.Drained,
            ["master"] = n => n.Uuid == cluster.MasterNodeUuid,
            ["master_capable"] = n => n.MasterCapable,
            ["vm_capable"] = n => n.VmCapable,
            ["role"] = n => Role(n).ToCode().ToString(),
            ["pip"] = n => n.PrimaryIp,
            ["sip"] = n => n.SecondaryIp,
            ["group"] = n => state.Groups[n.GroupUuid].Name,
            ["group.uuid"] = n => n.GroupUuid,
            ["ndparams"] = Ndparams,
            ["custom_ndparams"] = n => (JsonObject)n.Ndparams.DeepClone(),
            ["dtotal"] = n => Live(n, () => n.DiskTotal),
            ["dfree"] = n => Live(n, () => n.DiskTotal - DiskUsed(n)),
            ["sptotal"] = n => null,
            ["spfree"] = n => null,
            ["mtotal"] = n => Live(n, () => n.MemoryTotal),
            ["mnode"] = n => Live(n, () => n.MemoryDom0),
            ["mfree"] = n => Live(n, () => n.MemoryTotal - n.MemoryDom0 - MemUsed(n)),
            ["ctotal"] = n => Live(n, () => n.CpuTotal),
            ["cnos"] = n => Live(n, () => 1),
            ["cnodes"] = n => Live(n, () => 1),
            ["csockets"] = n => Live(n, () => n.CpuSockets),
            ["pinst_cnt"] = n => Primaries(n).Count(),
            ["sinst_cnt"] = n => Secondaries(n).Count(),
            ["pinst_list"] = n => Json.Strings(Primaries(n).Select(i => i.Name).Order(NiceSort.Instance)),
            ["sinst_list"] = n => Json.Strings(Secondaries(n).Select(i => i.Name).Order(NiceSort.Instance)),
            ["ctime"] = n => n.Ctime,
            ["mtime"] = n => n.Mtime,
            ["serial_no"] = n => n.SerialNo,
            ["tags"] = n => Json.Strings(n.Tags),
        };
        return new FieldTable<Node>(fields);
    }

    private static long BeInt(ClusterConfig cluster, Instance i, string key)
    {
        var node = i.Beparams[key] ?? cluster.Defaults("beparams")?["default"]?[key];
        return node is null ? 0 : long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
