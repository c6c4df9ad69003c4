using System.Text.Json.Nodes;

namespace Ganeti.Simulator.State;

/// <summary>The cluster object: name, master, enabled features and every default parameter set.</summary>
public sealed class ClusterConfig : ConfigObject
{
    public string Name { get; set; } = "cluster.example.com";

    public string MasterNodeUuid { get; set; } = string.Empty;

    /// <summary>The cluster's master IP address (reserved in new networks that hold it).</summary>
    public string? MasterIp { get; set; }

    public List<string> EnabledHypervisors { get; set; } = ["fake"];

    public List<string> EnabledDiskTemplates { get; set; } = ["drbd", "plain", "file", "diskless"];

    public string? VolumeGroupName { get; set; } = "xenvg";

    public string? DrbdUsermodeHelper { get; set; } = "/bin/true";

    /// <summary>hvparams, beparams, ipolicy… as luxid reports them (keys of QueryClusterInfo).</summary>
    public JsonObject Parameters { get; set; } = [];

    public bool DrainFlag { get; set; }

    public double? WatcherPause { get; set; }

    public JsonObject? Defaults(string key) => Parameters[key] as JsonObject;
}
