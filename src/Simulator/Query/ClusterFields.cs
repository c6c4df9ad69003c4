using System.Runtime.InteropServices;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>Cluster query fields (Ganeti's Python cluster query, lib/query.py): one row.</summary>
public static class ClusterFields
{
    public static FieldTable<ClusterConfig> Create(ClusterState state)
    {
        var f = new FieldList<ClusterConfig>
        {
            { "tags", "Tags", FieldKind.Other, "Tags", c => CommonFields.SortedTags(c.Tags) },
            { "architecture", "ArchInfo", FieldKind.Other, "Architecture information",
                _ => FieldValue.List(["64bits", RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64"]) },
            { "drain_flag", "QueueDrained", FieldKind.Bool, "Flag whether job queue is drained", c => c.DrainFlag },
            { "watcher_pause", "WatcherPause", FieldKind.Timestamp, "Until when watcher is paused", c => c.WatcherPause is { } until ? until : FieldValue.Unavailable },
            { "master_node", "Master", FieldKind.Text, "Master node name", c => state.NodeName(c.MasterNodeUuid), FilterMode.Hostname },
            { "cluster_name", "Name", FieldKind.Text, "Cluster name", c => c.Name, FilterMode.Hostname },
            { "volume_group_name", "VgName", FieldKind.Text, "LVM volume group name", c => c.VolumeGroupName },
            { "software_version", "SoftwareVersion", FieldKind.Text, "Software version", _ => ClusterInfo.SoftwareVersion },
            { "protocol_version", "ProtocolVersion", FieldKind.Number, "RPC protocol version", _ => ClusterInfo.ConfigVersion },
            { "config_version", "ConfigVersion", FieldKind.Number, "Configuration format version", _ => ClusterInfo.ConfigVersion },
            { "os_api_version", "OsApiVersion", FieldKind.Number, "API version for OS template scripts", _ => 20 },
            { "export_version", "ExportVersion", FieldKind.Number, "Import/export file format version", _ => 0 },
            { "vcs_version", "VCSVersion", FieldKind.Text, "VCS version", _ => ClusterInfo.VcsVersion },
        };
        f.AddTimestamps();
        f.Alias("name", "cluster_name");
        return f.ToTable();
    }

    public static QuerySource<ClusterConfig> Source(ClusterState state) =>
        QuerySource<ClusterConfig>.Scanned(Create(state), () => [state.Cluster]);
}
