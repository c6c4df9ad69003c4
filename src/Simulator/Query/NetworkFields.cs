using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Network query fields (Ganeti's Query/Network.hs). The counts, the map and the external
/// reservations come from the network's <see cref="AddressPool"/>.
/// </summary>
public static class NetworkFields
{
    public static FieldTable<Network> Create(ClusterState state)
    {
        var pools = new Dictionary<string, AddressPool?>();
        var connected = new Lazy<ILookup<string, Instance>>(() => state.Instances.Values
            .OrderBy(i => i.Uuid, StringComparer.Ordinal)
            .SelectMany(i => i.Nics.Where(n => n.NetworkUuid is not null).Select(n => n.NetworkUuid!).Distinct().Select(net => (Network: net, Instance: i)))
            .ToLookup(p => p.Network, p => p.Instance));
        AddressPool? Pool(Network n)
        {
            if (!pools.TryGetValue(n.Uuid, out var pool))
            {
                pool = AddressPool.TryOpen(n, connected.Value[n.Uuid]);
                pools[n.Uuid] = pool;
            }

            return pool;
        }

        FieldValue[] Groups(Network n) => [.. state.Groups.Values
            .OrderBy(g => g.Uuid, StringComparer.Ordinal)
            .Where(g => g.Networks.ContainsKey(n.Uuid))
            .Select(g => FieldValue.List([g.Name, Param(g.Networks[n.Uuid], "mode"), Param(g.Networks[n.Uuid], "link"), Param(g.Networks[n.Uuid], "vlan")]))];

        var f = new FieldList<Network>
        {
            { "name", "Network", FieldKind.Text, "Name", n => n.Name },
            { "network", "Subnet", FieldKind.Text, "IPv4 subnet", n => n.Subnet },
            { "gateway", "Gateway", FieldKind.Other, "IPv4 gateway", n => FieldValue.OrUnavailable(n.Gateway) },
            { "network6", "IPv6Subnet", FieldKind.Other, "IPv6 subnet", n => FieldValue.OrUnavailable(n.Network6) },
            { "gateway6", "IPv6Gateway", FieldKind.Other, "IPv6 gateway", n => FieldValue.OrUnavailable(n.Gateway6) },
            { "mac_prefix", "MacPrefix", FieldKind.Other, "MAC address prefix", n => FieldValue.OrUnavailable(n.MacPrefix) },
            { "free_count", "FreeCount", FieldKind.Number, "Number of available addresses", n => Pool(n)?.FreeCount ?? 0 },
            { "map", "Map", FieldKind.Text, "Actual mapping", n => Pool(n)?.Map ?? string.Empty },
            { "reserved_count", "ReservedCount", FieldKind.Number, "Number of reserved addresses", n => Pool(n)?.ReservedCount ?? 0 },
            { "group_list", "GroupList", FieldKind.Other, "List of nodegroups (group name, NIC mode, NIC link)", n => FieldValue.List(Groups(n)) },
            { "group_cnt", "NodeGroups", FieldKind.Number, "Number of nodegroups", n => Groups(n).Length },
            { "inst_list", "InstanceList", FieldKind.Other, "List of instances", n => FieldValue.Strings(connected.Value[n.Uuid].Select(i => i.Name)) },
            { "inst_cnt", "Instances", FieldKind.Number, "Number of instances", n => connected.Value[n.Uuid].Count() },
            { "external_reservations", "ExternalReservations", FieldKind.Text, "External reservations", n => string.Join(", ", Pool(n)?.ExternalReservations ?? []) },
        };
        f.AddCommon("Network");
        return f.ToTable();

        static string Param(System.Text.Json.Nodes.JsonObject nicParams, string key) =>
            nicParams[key] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) ? text : "-";
    }

    /// <summary>Every network, nicely sorted by name; looked up by name like luxid when the filter names them.</summary>
    public static QuerySource<Network> Source(ClusterState state) =>
        QuerySource<Network>.Named(
            Create(state),
            () => NiceOrder.Of(state.Networks, n => n.Name),
            name => ObjectLookup.ByName("Network", state.Networks.Values, name, n => n.Name));
}
