using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Networks;
using Ganeti.Domain.OpCodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_NETWORK_ADD: a new network with a unique name and its address pool (Ganeti's
/// LUNetworkAdd): the network, broadcast and gateway addresses reserved, with
/// <c>conflicts_check</c> also the nodes' and the master's addresses that fall in it, then
/// <c>add_reserved_ips</c>.
/// </summary>
public sealed class NetworkAddExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [NetworkRules.Lock];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var name = ctx.String("network_name") ?? string.Empty;
        NetworkRules.CheckAddresses<OpNetworkAdd>(ctx);
        var tags = ctx.StringList("tags", nonEmpty: true);
        var reserved = ctx.StringList("add_reserved_ips");
        if (ctx.String("mac_prefix") is { Length: > 0 } mac)
        {
            ctx.Op["mac_prefix"] = NetworkRules.MacPrefix(mac);
        }

        lock (state.Sync)
        {
            if (NetworkRules.Find(state, name) is { } existing)
            {
                throw SimError.Prereq($"Desired network name '{name}' already exists as a network (UUID: {existing.Uuid})", ErrorCode.Exists);
            }

            foreach (var tag in tags)
            {
                if (Tag.Check(tag) is { } problem)
                {
                    throw new SimError("TagError", [problem], problem);
                }
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var network = new Network
            {
                Name = name,
                Subnet = ctx.String("network") ?? string.Empty,
                Gateway = ctx.String("gateway"),
                Network6 = ctx.String("network6"),
                Gateway6 = ctx.String("gateway6"),
                MacPrefix = ctx.String("mac_prefix"),
                Ctime = ctx.Now,
                Mtime = ctx.Now,
                Tags = [.. tags.Distinct()],
            };

            AddressPool pool;
            try
            {
                pool = AddressPool.Initialize(network);
            }
            catch (SimError e) when (e.ErrorClass == AddressPool.ErrorClass)
            {
                throw SimError.Exec($"Cannot create IP address pool for network '{name}': {e.Message}");
            }

            NetworkRules.CheckGateway6(network.Network6, network.Gateway6);

            if (ctx.Bool("conflicts_check"))
            {
                foreach (var node in state.Nodes.Values.OrderBy(n => n.Uuid, StringComparer.Ordinal))
                {
                    foreach (var ip in new[] { node.PrimaryIp, node.SecondaryIp })
                    {
                        ReserveQuietly(ctx, pool, ip, $"Reserved IP address of node '{node.Name}' ({ip})", $"Cannot reserve IP address '{ip}' of node '{node.Name}'");
                    }
                }

                var master = state.Cluster.MasterIp;
                ReserveQuietly(ctx, pool, master, $"Reserved cluster master IP address ({master})", $"Cannot reserve cluster master IP address ({master})");
            }

            foreach (var ip in reserved)
            {
                try
                {
                    pool.Reserve(ip, external: true);
                }
                catch (SimError e) when (e.ErrorClass == AddressPool.ErrorClass)
                {
                    throw SimError.Exec($"Cannot reserve IP address '{ip}': {e.Message}");
                }
            }

            pool.Save();
            state.Networks[network.Uuid] = network;
            ctx.Store.SaveObjects([network]);
        }

        return null;
    }

    /// <summary>Reserves an address of the cluster's own that lies in the network; a failure is only a warning.</summary>
    private static void ReserveQuietly(OpContext ctx, AddressPool pool, string? ip, string done, string failed)
    {
        if (ip is not null && pool.Contains(ip) && AddressPool.Quietly(() => pool.Reserve(ip, external: true), ctx.Log, failed))
        {
            ctx.Log(" - INFO: " + done);
        }
    }
}

/// <summary>OP_NETWORK_REMOVE: only a network no node group is connected to (<c>force</c> changes nothing, as in Ganeti).</summary>
public sealed class NetworkRemoveExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [NetworkRules.Lock, "groups"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var name = ctx.String("network_name");
        Network network;
        lock (state.Sync)
        {
            network = NetworkRules.Network(state, name);
            var groups = state.Groups.Values.Where(g => g.Networks.ContainsKey(network.Uuid)).Select(g => g.Name).Order(NiceSort.Instance).ToList();
            if (groups.Count > 0)
            {
                ctx.Log($" - WARNING: Network '{name}' is connected to the following node groups: {PythonText.CommaJoin(groups)}");
                throw SimError.Prereq("Network still connected", ErrorCode.State);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            state.Networks.Remove(network.Uuid);
            ctx.Store.SaveObjects([], [network]);
        }

        return null;
    }
}

/// <summary>OP_NETWORK_RENAME: the new name must be free; answers the new name.</summary>
public sealed class NetworkRenameExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [NetworkRules.Lock];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var newName = ctx.String("new_name") ?? string.Empty;
        Network network;
        lock (state.Sync)
        {
            network = NetworkRules.Network(state, ctx.String("network_name"));
            if (NetworkRules.Find(state, newName) is { } clash)
            {
                throw SimError.Prereq($"Desired new name '{newName}' clashes with existing network (UUID: {clash.Uuid})", ErrorCode.Exists);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            network.Name = newName;
            network.Touch(ctx.Now);
            ctx.Store.SaveObjects([network]);
        }

        return newName;
    }
}

/// <summary>
/// OP_NETWORK_SET_PARAMS (Ganeti's LUNetworkSetParams): a new gateway (not together with
/// reservation changes, not an address an instance uses), external reservations added and
/// released (an address that cannot be is a warning), MAC prefix, IPv6 network and gateway.
/// </summary>
public sealed class NetworkSetParamsExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [NetworkRules.Lock];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        NetworkRules.CheckAddresses<OpNetworkSetParams>(ctx);
        var gateway = ctx.String("gateway") is { Length: > 0 } g ? g : null;
        var add = ctx.StringList("add_reserved_ips");
        var remove = ctx.StringList("remove_reserved_ips");
        if (gateway is not null && (add.Count > 0 || remove.Count > 0))
        {
            throw SimError.Prereq("Cannot modify gateway and reserved ips at once", ErrorCode.Invalid);
        }

        var macPrefix = ctx.String("mac_prefix") is { Length: > 0 } m ? m : null;
        var network6 = ctx.String("network6") is { Length: > 0 } n6 ? n6 : null;
        var gateway6 = ctx.String("gateway6") is { Length: > 0 } g6 ? g6 : null;
        Network network;
        lock (state.Sync)
        {
            network = NetworkRules.Network(state, ctx.String("network_name"));
            var pool = AddressPool.Open(network, state.Instances.Values);
            if (gateway is not null && pool.IsReserved(gateway, external: false))
            {
                throw SimError.Prereq($"Gateway IP address '{gateway}' is already reserved", ErrorCode.State);
            }

            if (macPrefix is not null && macPrefix != NetworkRules.ValueNone)
            {
                macPrefix = NetworkRules.MacPrefix(macPrefix);
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            var pool = AddressPool.Open(network, state.Instances.Values);
            var newGateway = network.Gateway;
            if (gateway is not null)
            {
                if (gateway == network.Gateway)
                {
                    ctx.Log($" - WARNING: Gateway is already {gateway}");
                }
                else
                {
                    pool.Reserve(gateway, external: true);
                    if (network.Gateway is { } old)
                    {
                        pool.Release(old, external: true);
                    }

                    newGateway = gateway;
                }
            }

            foreach (var ip in add)
            {
                AddressPool.Quietly(() => pool.Reserve(ip, external: true), ctx.Log, $"Cannot reserve IP address {ip}");
            }

            foreach (var ip in remove)
            {
                if (ip == network.Gateway)
                {
                    ctx.Log(" - WARNING: Cannot unreserve Gateway's IP");
                    continue;
                }

                AddressPool.Quietly(() => pool.Release(ip, external: true), ctx.Log, $"Cannot release IP address {ip}");
            }

            // Ganeti validates the pool it opened, so the IPv6 values the network had before.
            NetworkRules.CheckGateway6(network.Network6, network.Gateway6);
            network.Gateway = newGateway;
            if (macPrefix is not null)
            {
                network.MacPrefix = macPrefix == NetworkRules.ValueNone ? null : macPrefix;
            }

            network.Network6 = network6 ?? network.Network6;
            network.Gateway6 = gateway6 ?? network.Gateway6;
            pool.Save();
            network.Touch(ctx.Now);
            ctx.Store.SaveObjects([network]);
        }

        return null;
    }
}

/// <summary>
/// OP_NETWORK_CONNECT: records the group's NIC mode, link and VLAN for the network. With
/// <c>conflicts_check</c>, refused while instances of the group have addresses in the network.
/// A network already connected stays as it is, whatever the new parameters (a warning, as in
/// Ganeti).
/// </summary>
public sealed class NetworkConnectExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [NetworkRules.Lock, "groups"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var name = ctx.String("network_name");
        Network network;
        NodeGroup group;
        bool connected;
        lock (state.Sync)
        {
            network = NetworkRules.Network(state, name);
            group = NetworkRules.Group(state, ctx.String("group_name"));
            connected = group.Networks.ContainsKey(network.Uuid);
            if (connected)
            {
                ctx.Log($" - WARNING: Network '{name}' is already mapped to group '{group.Name}'");
            }
            else if (ctx.Bool("conflicts_check"))
            {
                var pool = AddressPool.Open(network, state.Instances.Values);
                NetworkRules.ConflictCheck(ctx, name, group, "connect to", nic => pool.Contains(nic.Ip));
            }
        }

        if (ctx.DryRun || connected)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            group.Networks[network.Uuid] = new JsonObject
            {
                ["mode"] = ctx.String("network_mode"),
                ["link"] = ctx.String("network_link"),
                ["vlan"] = ctx.String("network_vlan") ?? string.Empty,
            };
            group.Touch(ctx.Now);
            ctx.Store.SaveObjects([group]);
        }

        return null;
    }
}

/// <summary>OP_NETWORK_DISCONNECT: refused while instances of the group have NICs on the network; a network that is not connected is a warning.</summary>
public sealed class NetworkDisconnectExecutor : IOpExecutor
{
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [NetworkRules.Lock, "groups"];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var state = ctx.State;
        var name = ctx.String("network_name");
        Network network;
        NodeGroup group;
        bool connected;
        lock (state.Sync)
        {
            network = NetworkRules.Network(state, name);
            group = NetworkRules.Group(state, ctx.String("group_name"));
            connected = group.Networks.ContainsKey(network.Uuid);
            if (!connected)
            {
                ctx.Log($" - WARNING: Network '{name}' is not mapped to group '{group.Name}'");
            }
            else
            {
                NetworkRules.ConflictCheck(ctx, name, group, "disconnect from", nic => nic.NetworkUuid == network.Uuid);
            }
        }

        if (ctx.DryRun || !connected)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (state.Sync)
        {
            group.Networks.Remove(network.Uuid);
            group.Touch(ctx.Now);
            ctx.Store.SaveObjects([group]);
        }

        return null;
    }
}

/// <summary>What the network executors share: lookups, Ganeti's parameter checks and its conflict check.</summary>
internal static partial class NetworkRules
{
    /// <summary>The lock every network opcode takes (networks change one at a time).</summary>
    public const string Lock = "networks";

    /// <summary>Ganeti's <c>VALUE_NONE</c>: a parameter set to it is cleared.</summary>
    public const string ValueNone = "none";

    [GeneratedRegex("^[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$", RegexOptions.IgnoreCase)]
    private static partial Regex MacPrefixRegex();

    /// <summary>A network by uuid or name, as Ganeti's <c>LookupNetwork</c> finds it.</summary>
    public static Network? Find(ClusterState state, string name) =>
        state.Networks.TryGetValue(name, out var byUuid) ? byUuid : state.Networks.Values.FirstOrDefault(n => n.Name == name);

    public static Network Network(ClusterState state, string? name) =>
        (name is null ? null : Find(state, name)) ?? throw SimError.Prereq($"Network '{name}' not found", ErrorCode.NoEntity);

    /// <summary>A node group as Ganeti's <c>LookupNodeGroup</c> finds it, with its message.</summary>
    public static NodeGroup Group(ClusterState state, string? name) =>
        (name is null ? null : state.FindGroup(name)) ?? throw SimError.Prereq($"Node group '{name}' not found", ErrorCode.NoEntity);

    /// <summary>A three-octet MAC prefix in lower case, or Ganeti's refusal.</summary>
    public static string MacPrefix(string mac) =>
        MacPrefixRegex().IsMatch(mac) ? mac.ToLowerInvariant() : throw SimError.Prereq($"Invalid MAC address prefix '{mac}'", ErrorCode.Invalid);

    /// <summary>
    /// The opcode's address parameters checked as Ganeti's opcode validation checks them: text
    /// that is not an address fails validation; a network with a bad prefix or host bits set
    /// fails the job with Python's message.
    /// </summary>
    public static void CheckAddresses<TOp>(OpContext ctx)
        where TOp : OpCode
    {
        var schema = OpSchema.Of<TOp>();
        foreach (var parameter in schema.Own.Where(p => p.Address is not null))
        {
            var kind = parameter.Address!.Value;
            var node = ctx.Op[parameter.Name];
            JsonNode?[] values = node switch
            {
                null => [],
                JsonArray list when parameter.ValueType != typeof(string) => [.. list],
                _ => [node],
            };
            foreach (var value in values)
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    throw Invalid(schema, parameter);
                }

                var text = v.GetValue<string>();
                NetworkText network = kind switch
                {
                    AddressKind.IPv4Network => AddressSyntax.ParseIPv4Network(text),
                    AddressKind.IPv6Network => AddressSyntax.ParseIPv6Network(text),
                    _ => AddressSyntax.IsValid(text, kind) ? new NetworkText(true, false, null, 0, 0, text) : new NetworkText(false, true, null, 0, 0, text),
                };
                if (network.Problem is { } problem)
                {
                    throw SimError.Exec(problem);
                }

                if (!network.Valid)
                {
                    throw Invalid(schema, parameter);
                }
            }
        }
    }

    /// <summary>
    /// Refuses instances of <paramref name="group"/> with NICs that <paramref name="conflicts"/>
    /// names, as Ganeti's <c>_NetworkConflictCheck</c> does: a warning listing them, then
    /// OpPrereqError.
    /// </summary>
    public static void ConflictCheck(OpContext ctx, string? networkName, NodeGroup group, string action, Func<Nic, bool> conflicts)
    {
        var state = ctx.State;
        var found = state.Instances.Values
            .Where(i => new[] { i.PrimaryNodeUuid }.Concat(i.SecondaryNodeUuids).Any(n => state.Nodes.TryGetValue(n, out var node) && node.GroupUuid == group.Uuid))
            .OrderBy(i => i.Name, NiceSort.Instance)
            .Select(i => (i.Name, Nics: i.Nics.Select((nic, index) => (nic, index)).Where(p => conflicts(p.nic)).Select(p => $"nic{p.index}/{p.nic.Ip ?? "None"}").ToList()))
            .Where(c => c.Nics.Count > 0)
            .ToList();
        if (found.Count > 0)
        {
            ctx.Log($" - WARNING: IP addresses from network '{networkName}', which is about to {action} node group '{group.Name}', are in use: "
                + PythonText.CommaJoin(found.Select(c => $"{c.Name}: {PythonText.CommaJoin(c.Nics)}")));
            throw SimError.Prereq("Conflicting IP addresses found;  remove/modify the corresponding network interfaces", ErrorCode.State);
        }
    }

    /// <summary>
    /// Ganeti asserts, when it creates a network's pool, that the IPv6 gateway lies in the IPv6
    /// network or is link-local; a failed assertion fails the job.
    /// </summary>
    public static void CheckGateway6(string? network6, string? gateway6)
    {
        if (network6 is null || gateway6 is null)
        {
            return;
        }

        var network = AddressSyntax.ParseIPv6Network(network6);
        if (network.Valid && AddressSyntax.TryParseIPv6(gateway6, out var gateway)
            && !AddressSyntax.Contains(network, gateway) && (gateway >> 118) != 0x3FA)
        {
            throw SimError.Exec("Internal assertion error: please report this as a bug.\nError message: ''; location:\n  File \"ganeti/network.py\", in Validate\n"
                + "    assert self.gateway6 in self.network6 or self.gateway6.is_link_local\n");
        }
    }

    private static SimError Invalid(OpSchema schema, OpParameter parameter) =>
        SimError.Prereq($"Parameter '{schema.OpId}.{parameter.Name}' fails validation", ErrorCode.Invalid);
}
