using System.Net;
using System.Net.Sockets;
using System.Text;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Network query fields (Ganeti's Query/Network.hs). The address pool is computed from the
/// subnet: the network, broadcast and gateway addresses and <see cref="Network.ReservedIps"/>
/// are external reservations, the IPs of instance NICs on the network are reserved too.
/// </summary>
public static class NetworkFields
{
    public static FieldTable<Network> Create(ClusterState state)
    {
        var pools = new Dictionary<string, AddressPool>();
        var connected = new Lazy<ILookup<string, Instance>>(() => state.Instances.Values
            .OrderBy(i => i.Uuid, StringComparer.Ordinal)
            .SelectMany(i => i.Nics.Where(n => n.NetworkUuid is not null).Select(n => n.NetworkUuid!).Distinct().Select(net => (Network: net, Instance: i)))
            .ToLookup(p => p.Network, p => p.Instance));
        AddressPool Pool(Network n)
        {
            if (!pools.TryGetValue(n.Uuid, out var pool))
            {
                pool = AddressPool.Build(n, connected.Value[n.Uuid]);
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
            { "free_count", "FreeCount", FieldKind.Number, "Number of available addresses", n => Pool(n).FreeCount },
            { "map", "Map", FieldKind.Text, "Actual mapping", n => Pool(n).Map },
            { "reserved_count", "ReservedCount", FieldKind.Number, "Number of reserved addresses", n => Pool(n).ReservedCount },
            { "group_list", "GroupList", FieldKind.Other, "List of nodegroups (group name, NIC mode, NIC link)", n => FieldValue.List(Groups(n)) },
            { "group_cnt", "NodeGroups", FieldKind.Number, "Number of nodegroups", n => Groups(n).Length },
            { "inst_list", "InstanceList", FieldKind.Other, "List of instances", n => FieldValue.Strings(connected.Value[n.Uuid].Select(i => i.Name)) },
            { "inst_cnt", "Instances", FieldKind.Number, "Number of instances", n => connected.Value[n.Uuid].Count() },
            { "external_reservations", "ExternalReservations", FieldKind.Text, "External reservations", n => Pool(n).ExternalReservations },
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

    /// <summary>The reservation map of an IPv4 network ('X' reserved, '.' free).</summary>
    private sealed class AddressPool
    {
        private AddressPool(string map, string external)
        {
            Map = map;
            ExternalReservations = external;
            ReservedCount = map.Count(c => c == 'X');
            FreeCount = map.Length - ReservedCount;
        }

        public string Map { get; }

        public string ExternalReservations { get; }

        public int ReservedCount { get; }

        public int FreeCount { get; }

        public static AddressPool Build(Network network, IEnumerable<Instance> instances)
        {
            if (!TryParseSubnet(network.Subnet, out var baseAddress, out var size))
            {
                return new AddressPool(string.Empty, string.Empty);
            }

            var external = new bool[size];
            var reserved = new bool[size];
            external[0] = true;
            external[size - 1] = true;
            foreach (var ip in network.ReservedIps.Append(network.Gateway))
            {
                Mark(external, ip, baseAddress);
            }

            foreach (var instance in instances)
            {
                foreach (var nic in instance.Nics.Where(n => n.NetworkUuid == network.Uuid))
                {
                    Mark(reserved, nic.Ip, baseAddress);
                }
            }

            var map = new StringBuilder(size);
            var externalText = new List<string>();
            for (var i = 0; i < size; i++)
            {
                map.Append(external[i] || reserved[i] ? 'X' : '.');
                if (external[i])
                {
                    externalText.Add(ToAddress(baseAddress + (uint)i));
                }
            }

            return new AddressPool(map.ToString(), string.Join(", ", externalText));
        }

        private static void Mark(bool[] pool, string? ip, uint baseAddress)
        {
            if (ip is not null && IPAddress.TryParse(ip, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
            {
                var offset = (long)ToNumber(address) - baseAddress;
                if (offset >= 0 && offset < pool.Length)
                {
                    pool[offset] = true;
                }
            }
        }

        private static bool TryParseSubnet(string subnet, out uint baseAddress, out int size)
        {
            baseAddress = 0;
            size = 0;
            var slash = subnet.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0
                || !IPAddress.TryParse(subnet[..slash], out var address)
                || address.AddressFamily != AddressFamily.InterNetwork
                || !int.TryParse(subnet[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
                || prefix is < 16 or > 30)
            {
                return false;
            }

            var mask = uint.MaxValue << (32 - prefix);
            baseAddress = ToNumber(address) & mask;
            size = 1 << (32 - prefix);
            return true;
        }

        private static uint ToNumber(IPAddress address)
        {
            var bytes = address.GetAddressBytes();
            return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        }

        private static string ToAddress(uint number) =>
            new IPAddress([(byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number]).ToString();
    }
}
