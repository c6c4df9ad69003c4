using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>The answer to QueryClusterInfo, with luxid's keys.</summary>
public static class ClusterInfo
{
    public const string SoftwareVersion = "3.1.0";
    public const long ConfigVersion = 3010000;

    public const string VcsVersion = "(ganeti-rapi-dotnet simulator) version " + SoftwareVersion;

    public static JsonObject Build(ClusterState state)
    {
        var c = state.Cluster;
        var p = c.Parameters;
        JsonNode? P(string key) => p[key]?.DeepClone();
        var info = new JsonObject
        {
            ["software_version"] = SoftwareVersion,
            ["protocol_version"] = ConfigVersion,
            ["config_version"] = ConfigVersion,
            ["os_api_version"] = 20,
            ["export_version"] = 0,
            ["vcs_version"] = VcsVersion,
            ["architecture"] = new JsonArray("64bits", RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64"),
            ["name"] = c.Name,
            ["master"] = state.MasterNode.Name,
            ["default_hypervisor"] = c.EnabledHypervisors.FirstOrDefault(),
            ["enabled_hypervisors"] = Json.Strings(c.EnabledHypervisors),
            ["hvparams"] = P("hvparams"),
            ["os_hvp"] = P("os_hvp"),
            ["beparams"] = P("beparams"),
            ["osparams"] = P("osparams"),
            ["ipolicy"] = P("ipolicy"),
            ["nicparams"] = P("nicparams"),
            ["ndparams"] = P("ndparams"),
            ["diskparams"] = P("diskparams"),
            ["candidate_pool_size"] = P("candidate_pool_size"),
            ["max_running_jobs"] = P("max_running_jobs"),
            ["max_tracked_jobs"] = P("max_tracked_jobs"),
            ["mac_prefix"] = P("mac_prefix"),
            ["master_netdev"] = P("master_netdev"),
            ["master_netmask"] = P("master_netmask"),
            ["use_external_mip_script"] = P("use_external_mip_script"),
            ["volume_group_name"] = c.VolumeGroupName,
            ["drbd_usermode_helper"] = c.DrbdUsermodeHelper,
            ["file_storage_dir"] = P("file_storage_dir"),
            ["shared_file_storage_dir"] = P("shared_file_storage_dir"),
            ["gluster_storage_dir"] = P("gluster_storage_dir"),
            ["maintain_node_health"] = P("maintain_node_health"),
            ["ctime"] = c.Ctime,
            ["mtime"] = c.Mtime,
            ["uuid"] = c.Uuid,
            ["tags"] = Json.Strings(c.Tags),
            ["uid_pool"] = P("uid_pool"),
            ["default_iallocator"] = P("default_iallocator"),
            ["default_iallocator_params"] = P("default_iallocator_params"),
            ["reserved_lvs"] = P("reserved_lvs"),
            ["primary_ip_version"] = P("primary_ip_version"),
            ["prealloc_wipe_disks"] = P("prealloc_wipe_disks"),
            ["hidden_os"] = P("hidden_os"),
            ["blacklisted_os"] = P("blacklisted_os"),
            ["enabled_disk_templates"] = Json.Strings(c.EnabledDiskTemplates),
            ["install_image"] = P("install_image"),
            ["instance_communication_network"] = P("instance_communication_network"),
            ["zeroing_image"] = P("zeroing_image"),
            ["compression_tools"] = P("compression_tools"),
            ["enabled_user_shutdown"] = P("enabled_user_shutdown"),
            ["enabled_data_collectors"] = P("enabled_data_collectors"),
            ["data_collector_interval"] = P("data_collector_interval"),
            ["modify_ssh_setup"] = P("modify_ssh_setup"),
            ["ssh_key_type"] = P("ssh_key_type"),
            ["ssh_key_bits"] = P("ssh_key_bits"),
        };
        return info;
    }
}
