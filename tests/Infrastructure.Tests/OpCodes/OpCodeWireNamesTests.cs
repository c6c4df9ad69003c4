using System.Collections;
using Ganeti.Domain.Instances;
using Ganeti.Domain.OpCodes;
using Ganeti.Luxi.Converters;

namespace Ganeti.Infrastructure.Tests.OpCodes;

/// <summary>
/// Every opcode's wire names against rapi-spec §8: with every property set the keys are
/// exactly the spec's parameters plus the common ones, and with only the constructor's the
/// keys are exactly the required ones (marked <c>!</c>).
/// </summary>
public class OpCodeWireNamesTests
{
    private static readonly string[] CommonParameters = ["dry_run", "debug_level", "priority", "depends", "comment", "reason"];

    private static readonly Dictionary<string, string> SpecParameters = new(StringComparer.Ordinal)
    {
        ["OP_CLUSTER_QUERY"] = "",
        ["OP_CLUSTER_SET_PARAMS"] = "force hv_state disk_state vg_name enabled_hypervisors hvparams beparams os_hvp osparams osparams_private_cluster diskparams candidate_pool_size max_running_jobs max_tracked_jobs uid_pool add_uids remove_uids maintain_node_health prealloc_wipe_disks nicparams ndparams ipolicy drbd_helper default_iallocator default_iallocator_params mac_prefix master_netdev master_netmask reserved_lvs hidden_os blacklisted_os use_external_mip_script enabled_disk_templates modify_etc_hosts file_storage_dir shared_file_storage_dir gluster_storage_dir install_image instance_communication_network zeroing_image compression_tools enabled_user_shutdown enabled_data_collectors data_collector_interval",
        ["OP_CLUSTER_REDIST_CONF"] = "",
        ["OP_QUERY"] = "what! use_locking fields! qfilter",
        ["OP_QUERY_FIELDS"] = "what! fields",
        ["OP_NODE_QUERY_STORAGE"] = "output_fields! storage_type nodes name",
        ["OP_NODE_MODIFY_STORAGE"] = "node_name! node_uuid storage_type! name changes!",
        ["OP_REPAIR_NODE_STORAGE"] = "node_name! node_uuid storage_type! name ignore_consistency",
        ["OP_NODE_SET_PARAMS"] = "node_name! node_uuid force hv_state disk_state master_candidate offline drained auto_promote master_capable vm_capable secondary_ip ndparams powered",
        ["OP_NODE_POWERCYCLE"] = "node_name! node_uuid force",
        ["OP_NODE_MIGRATE"] = "node_name! node_uuid mode live target_node target_node_uuid allow_runtime_changes ignore_ipolicy iallocator",
        ["OP_NODE_EVACUATE"] = "early_release node_name! node_uuid remote_node remote_node_uuid iallocator mode! ignore_soft_errors",
        ["OP_INSTANCE_CREATE"] = "instance_name! force_variant wait_for_sync name_check ignore_ipolicy opportunistic_locking beparams disks! disk_template group_name file_driver file_storage_dir hvparams hypervisor iallocator identify_defaults ip_check conflicts_check mode! nics! no_install osparams osparams_private osparams_secret os_type pnode pnode_uuid snode snode_uuid source_handshake source_instance_name source_shutdown_timeout source_x509_ca src_node src_node_uuid src_path compress start forthcoming commit tags instance_communication helper_startup_timeout helper_shutdown_timeout",
        ["OP_INSTANCE_MULTI_ALLOC"] = "opportunistic_locking iallocator instances",
        ["OP_INSTANCE_REINSTALL"] = "instance_name! instance_uuid force_variant os_type osparams osparams_private osparams_secret",
        ["OP_INSTANCE_REMOVE"] = "instance_name! instance_uuid shutdown_timeout ignore_failures",
        ["OP_INSTANCE_RENAME"] = "instance_name! instance_uuid new_name! name_check ip_check",
        ["OP_INSTANCE_STARTUP"] = "instance_name! instance_uuid force ignore_offline_nodes hvparams beparams no_remember startup_paused shutdown_timeout",
        ["OP_INSTANCE_SHUTDOWN"] = "instance_name! instance_uuid force ignore_offline_nodes timeout no_remember admin_state_source",
        ["OP_INSTANCE_REBOOT"] = "instance_name! instance_uuid shutdown_timeout ignore_secondaries reboot_type!",
        ["OP_INSTANCE_REPLACE_DISKS"] = "instance_name! instance_uuid early_release ignore_ipolicy mode! disks remote_node remote_node_uuid iallocator",
        ["OP_INSTANCE_FAILOVER"] = "instance_name! instance_uuid shutdown_timeout ignore_consistency target_node target_node_uuid ignore_ipolicy cleanup iallocator",
        ["OP_INSTANCE_MIGRATE"] = "instance_name! instance_uuid mode live target_node target_node_uuid allow_runtime_changes ignore_ipolicy cleanup iallocator allow_failover ignore_hvversions",
        ["OP_INSTANCE_CONSOLE"] = "instance_name! instance_uuid",
        ["OP_INSTANCE_ACTIVATE_DISKS"] = "instance_name! instance_uuid ignore_size wait_for_sync",
        ["OP_INSTANCE_DEACTIVATE_DISKS"] = "instance_name! instance_uuid force",
        ["OP_INSTANCE_RECREATE_DISKS"] = "instance_name! instance_uuid disks nodes node_uuids iallocator",
        ["OP_INSTANCE_QUERY_DATA"] = "use_locking instances static",
        ["OP_INSTANCE_SET_PARAMS"] = "instance_name! instance_uuid force force_variant ignore_ipolicy nics disks beparams runtime_mem hvparams disk_template ext_params file_driver file_storage_dir pnode pnode_uuid remote_node remote_node_uuid iallocator os_name osparams osparams_private wait_for_sync offline conflicts_check hotplug instance_communication",
        ["OP_INSTANCE_GROW_DISK"] = "instance_name! instance_uuid wait_for_sync disk! amount! absolute ignore_ipolicy",
        ["OP_GROUP_ADD"] = "group_name! alloc_policy ndparams diskparams hv_state disk_state ipolicy",
        ["OP_GROUP_ASSIGN_NODES"] = "group_name! force nodes! node_uuids",
        ["OP_GROUP_SET_PARAMS"] = "group_name! alloc_policy ndparams diskparams hv_state disk_state ipolicy",
        ["OP_GROUP_REMOVE"] = "group_name!",
        ["OP_GROUP_RENAME"] = "group_name! new_name!",
        ["OP_OS_DIAGNOSE"] = "output_fields! names",
        ["OP_BACKUP_PREPARE"] = "instance_name! instance_uuid mode!",
        ["OP_BACKUP_EXPORT"] = "instance_name! instance_uuid compress shutdown_timeout target_node! target_node_uuid shutdown remove_instance ignore_remove_failures mode x509_key_name destination_x509_ca zero_free_space zeroing_timeout_fixed zeroing_timeout_per_mib long_sleep",
        ["OP_BACKUP_REMOVE"] = "instance_name! instance_uuid",
        ["OP_TAGS_GET"] = "kind! use_locking name",
        ["OP_TAGS_SET"] = "kind! tags! name",
        ["OP_TAGS_DEL"] = "kind! tags! name",
        ["OP_NETWORK_ADD"] = "network_name! network! gateway network6 gateway6 mac_prefix add_reserved_ips conflicts_check tags",
        ["OP_NETWORK_REMOVE"] = "network_name! force",
        ["OP_NETWORK_RENAME"] = "network_name! new_name!",
        ["OP_NETWORK_SET_PARAMS"] = "network_name! gateway network6 gateway6 mac_prefix add_reserved_ips remove_reserved_ips",
        ["OP_NETWORK_CONNECT"] = "group_name! network_name! network_mode! network_link! network_vlan conflicts_check",
        ["OP_NETWORK_DISCONNECT"] = "group_name! network_name!",
    };

    private static readonly Dictionary<string, Type> TypesByOpId = typeof(OpCode).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(OpCode)) && !t.IsAbstract)
        .ToDictionary(t => OpIds.FromTypeName(t.Name), StringComparer.Ordinal);

    public static readonly TheoryData<string> OpIdsInSpec = new(SpecParameters.Keys);

    [Theory]
    [MemberData(nameof(OpIdsInSpec))]
    public void EveryPropertySet_GivesExactlyTheSpecParameters(string opId)
    {
        var keys = Keys(Build(TypesByOpId[opId], setOptional: true));
        keys[0].Should().Be("OP_ID");
        keys.Should().BeEquivalentTo(["OP_ID", .. CommonParameters, .. Parameters(opId, requiredOnly: false)]);
    }

    [Theory]
    [MemberData(nameof(OpIdsInSpec))]
    public void OnlyConstructorSet_GivesExactlyTheRequiredParameters(string opId)
    {
        var json = OpCodeJsonConverter.ToJsonObject(Build(TypesByOpId[opId], setOptional: false));
        json.Select(p => p.Key).Should().BeEquivalentTo(["OP_ID", .. Parameters(opId, requiredOnly: true)]);
        json["OP_ID"]!.GetValue<string>().Should().Be(opId);
    }

    private static IEnumerable<string> Parameters(string opId, bool requiredOnly) =>
        SpecParameters[opId].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !requiredOnly || p.EndsWith('!'))
            .Select(p => p.TrimEnd('!'));

    private static List<string> Keys(OpCode op) => [.. OpCodeJsonConverter.ToJsonObject(op).Select(p => p.Key)];

    /// <summary>The opcode built through its constructor with a sample value per parameter, optionally every init property too.</summary>
    private static OpCode Build(Type type, bool setOptional)
    {
        var constructor = type.GetConstructors().Single();
        var op = (OpCode)constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(p.ParameterType))]);
        if (setOptional)
        {
            foreach (var property in type.GetProperties().Where(p => p.SetMethod is { IsPublic: true } && p.GetValue(op) is null))
            {
                property.SetValue(op, Sample(property.PropertyType));
            }
        }

        return op;
    }

    private static object Sample(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double))
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0)!;
        }

        if (type == typeof(ExportTarget))
        {
            return ExportTarget.Local("node1.example.com");
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            return (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()))!;
        }

        throw new NotSupportedException($"No sample for {type}");
    }
}
