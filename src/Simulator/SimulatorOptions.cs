namespace Ganeti.Simulator;

/// <summary>Settings of the simulated master (configuration section <c>Simulator</c>).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Where the SQLite store lives; created and seeded when missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The LUXI socket to listen on; default <c>&lt;data dir&gt;/luxi.sock</c>.</summary>
    public string? SocketPath { get; set; }

    /// <summary>
    /// What a fresh data directory is seeded with: <c>demo</c> (four nodes, two groups, six
    /// instances), <c>reference</c> (a copy of the real single-node test cluster) or
    /// <c>reference3</c> (a copy of the real three-node test cluster).
    /// </summary>
    public string Seed { get; set; } = "demo";

    /// <summary>Multiplies every simulated operation time; 0 runs operations instantly.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>
    /// Where the iallocator scripts (Ganeti's <c>hail</c>) are installed; placements ask them
    /// and fall back to a built-in stand-in when the script is missing.
    /// </summary>
    public string IallocatorDirectory { get; set; } = Iallocation.ScriptIallocatorRunner.DefaultDirectory;

    /// <summary>How many jobs run at once (Ganeti's max_running_jobs default is 20).</summary>
    public int MaxRunningJobs { get; set; } = 20;

    /// <summary>Simulated duration of each kind of operation, in seconds, before scaling.</summary>
    public Dictionary<string, double> OperationSeconds { get; set; } = new(StringComparer.Ordinal)
    {
        ["OP_INSTANCE_REBOOT"] = 1.0,
        ["OP_INSTANCE_FAILOVER"] = 2.0,
        ["OP_INSTANCE_MIGRATE"] = 2.0,
        ["OP_INSTANCE_REPLACE_DISKS"] = 3.0,
        ["OP_NODE_EVACUATE"] = 0.5,
        ["OP_INSTANCE_SET_PARAMS"] = 0.3,
        ["OP_INSTANCE_REINSTALL"] = 2.0,
        ["OP_INSTANCE_ACTIVATE_DISKS"] = 0.5,
        ["OP_INSTANCE_DEACTIVATE_DISKS"] = 0.3,
        ["OP_INSTANCE_RECREATE_DISKS"] = 2.0,
        ["OP_INSTANCE_GROW_DISK"] = 1.0,
        ["OP_BACKUP_EXPORT"] = 3.0,
        ["OP_BACKUP_REMOVE"] = 0.2,
        ["OP_INSTANCE_STARTUP"] = 1.0,
        ["OP_INSTANCE_SHUTDOWN"] = 1.0,
        ["OP_NODE_SET_PARAMS"] = 0.3,
        ["OP_TAGS_SET"] = 0.1,
        ["OP_TAGS_DEL"] = 0.1,
        ["OP_GROUP_ADD"] = 0.2,
        ["OP_GROUP_REMOVE"] = 0.2,
        ["OP_GROUP_RENAME"] = 0.2,
        ["OP_NETWORK_ADD"] = 0.2,
        ["OP_NETWORK_REMOVE"] = 0.2,
        ["OP_NETWORK_RENAME"] = 0.2,
        ["OP_NETWORK_SET_PARAMS"] = 0.2,
        ["OP_NETWORK_CONNECT"] = 0.2,
        ["OP_NETWORK_DISCONNECT"] = 0.2,
        ["OP_CLUSTER_SET_PARAMS"] = 0.3,
        ["OP_CLUSTER_REDIST_CONF"] = 0.5,
        ["OP_NODE_QUERY_STORAGE"] = 0.1,
        ["OP_INSTANCE_CREATE"] = 0.5,
        ["OP_INSTANCE_REMOVE"] = 0.3,
        ["OP_INSTANCE_RENAME"] = 0.2,
        ["OP_INSTANCE_MULTI_ALLOC"] = 0.1,
    };

    public string ResolvedSocketPath => SocketPath ?? Path.Combine(DataDirectory, "luxi.sock");

    public string DatabasePath => Path.Combine(DataDirectory, "cluster.db");

    public TimeSpan DurationOf(string opId) =>
        OperationSeconds.TryGetValue(opId, out var seconds) ? TimeSpan.FromSeconds(seconds * TimeScale) : TimeSpan.Zero;
}
