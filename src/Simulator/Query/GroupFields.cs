using System.Text.Json.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>Node group query fields (Ganeti's Query/Group.hs).</summary>
public static class GroupFields
{
    public static FieldTable<NodeGroup> Create(ClusterState state)
    {
        var cluster = state.Cluster;
        var ndShape = new ParamShape();
        var members = new Lazy<GroupMembers>(() => GroupMembers.Build(state));
        MergedParams Ndparams(NodeGroup g) => new([cluster.Defaults("ndparams"), g.Ndparams], ndShape);

        var f = new FieldList<NodeGroup>
        {
            { "alloc_policy", "AllocPolicy", FieldKind.Text, "Allocation policy for group", g => g.AllocPolicy },
            { "custom_diskparams", "CustomDiskParameters", FieldKind.Other, "Custom disk parameters", g => g.Diskparams },
            { "custom_ipolicy", "CustomInstancePolicy", FieldKind.Other, "Custom instance policy limitations", g => g.Ipolicy },
            { "custom_ndparams", "CustomNDParams", FieldKind.Other, "Custom node parameters", g => g.Ndparams },
            { "diskparams", "DiskParameters", FieldKind.Other, "Disk parameters (merged)", g => FilledDiskParams(cluster.Defaults("diskparams"), g.Diskparams) },
            { "ipolicy", "InstancePolicy", FieldKind.Other, "Instance policy limitations (merged)", g => FilledIpolicy(cluster.Defaults("ipolicy"), g.Ipolicy) },
            { "name", "Group", FieldKind.Text, "Group name", g => g.Name },
            { "ndparams", "NDParams", FieldKind.Other, "Node parameters", g => FieldValue.Custom(Ndparams(g)) },
            { "node_cnt", "Nodes", FieldKind.Number, "Number of nodes", g => members.Value.Nodes(g).Count },
            { "node_list", "NodeList", FieldKind.Other, "List of nodes", g => FieldValue.List(members.Value.Nodes(g), n => n.Name) },
            { "pinst_cnt", "Instances", FieldKind.Number, "Number of primary instances", g => members.Value.Instances(g).Count },
            { "pinst_list", "InstanceList", FieldKind.Other, "List of primary instances", g => FieldValue.List(members.Value.InstanceNames(g), n => n) },
        };
        f.AddParameterFields("ndp", "node", ParameterFields.Node, key => g => FieldValue.OrNoData(Ndparams(g).Get(key)));
        f.AddCommon("Group");
        return f.ToTable();
    }

    /// <summary>Every group, nicely sorted by name; looked up by name like luxid when the filter names them.</summary>
    public static QuerySource<NodeGroup> Source(ClusterState state) =>
        QuerySource<NodeGroup>.Named(
            Create(state),
            () => NiceOrder.Of(state.Groups, g => g.Name),
            name => ObjectLookup.ByName("NodeGroup", state.Groups.Values, name, g => g.Name));

    /// <summary>The cluster's instance policy with the group's values; the "std" specs are merged key by key.</summary>
    public static JsonObject FilledIpolicy(JsonObject? defaults, JsonObject custom)
    {
        var filled = (JsonObject)custom.DeepClone();
        foreach (var (key, value) in defaults ?? [])
        {
            if (!filled.ContainsKey(key))
            {
                filled[key] = value?.DeepClone();
            }
            else if (key == "std" && value is JsonObject std && filled[key] is JsonObject customStd)
            {
                filled[key] = Fill(std, customStd);
            }
        }

        return filled;
    }

    /// <summary>The cluster's disk parameters, each template's dictionary filled with the group's values.</summary>
    public static JsonObject FilledDiskParams(JsonObject? defaults, JsonObject custom)
    {
        var filled = new JsonObject();
        foreach (var (template, value) in defaults ?? [])
        {
            filled[template] = Fill(value as JsonObject, custom[template] as JsonObject);
        }

        foreach (var (template, value) in custom)
        {
            if (!filled.ContainsKey(template))
            {
                filled[template] = value?.DeepClone();
            }
        }

        return filled;
    }

    private static JsonObject Fill(JsonObject? defaults, JsonObject? custom)
    {
        var filled = (JsonObject?)defaults?.DeepClone() ?? [];
        foreach (var (key, value) in custom ?? [])
        {
            filled[key] = value?.DeepClone();
        }

        return filled;
    }

    /// <summary>The nodes (in luxid's uuid order) and primary instances of every group, computed once per query.</summary>
    private sealed class GroupMembers
    {
        private readonly Dictionary<string, List<Node>> _nodes = [];
        private readonly Dictionary<string, List<Instance>> _instances = [];
        private readonly Dictionary<string, string[]> _instanceNames = [];

        public static GroupMembers Build(ClusterState state)
        {
            var members = new GroupMembers();
            foreach (var node in state.Nodes.Values.OrderBy(n => n.Uuid, StringComparer.Ordinal))
            {
                Bucket(members._nodes, node.GroupUuid).Add(node);
            }

            foreach (var instance in state.Instances.Values)
            {
                if (state.Nodes.TryGetValue(instance.PrimaryNodeUuid, out var primary))
                {
                    Bucket(members._instances, primary.GroupUuid).Add(instance);
                }
            }

            return members;
        }

        public IReadOnlyList<Node> Nodes(NodeGroup g) => _nodes.TryGetValue(g.Uuid, out var list) ? list : [];

        public IReadOnlyList<Instance> Instances(NodeGroup g) => _instances.TryGetValue(g.Uuid, out var list) ? list : [];

        public string[] InstanceNames(NodeGroup g)
        {
            if (!_instanceNames.TryGetValue(g.Uuid, out var names))
            {
                names = [.. Instances(g).Select(i => i.Name).Order(NiceSort.Instance)];
                _instanceNames[g.Uuid] = names;
            }

            return names;
        }

        private static List<T> Bucket<T>(Dictionary<string, List<T>> map, string key)
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = [];
                map[key] = list;
            }

            return list;
        }
    }
}
