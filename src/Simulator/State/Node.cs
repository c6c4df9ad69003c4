using System.Text.Json.Nodes;

namespace Ganeti.Simulator.State;

public sealed class Node : ConfigObject
{
    public string Name { get; set; } = string.Empty;

    public string PrimaryIp { get; set; } = string.Empty;

    public string SecondaryIp { get; set; } = string.Empty;

    public string GroupUuid { get; set; } = string.Empty;

    public bool MasterCandidate { get; set; }

    public bool Drained { get; set; }

    public bool Offline { get; set; }

    public bool MasterCapable { get; set; } = true;

    public bool VmCapable { get; set; } = true;

    /// <summary>Whether the node is thought to be powered on (shown when it has an out-of-band program).</summary>
    public bool Powered { get; set; } = true;

    public JsonObject Ndparams { get; set; } = [];

    /// <summary>Simulated hardware: memory in MiB, memory the node's own OS uses, CPUs, disk in MiB.</summary>
    public int MemoryTotal { get; set; } = 32768;

    public int MemoryDom0 { get; set; } = 1024;

    public int CpuTotal { get; set; } = 8;

    public int CpuSockets { get; set; } = 1;

    public long DiskTotal { get; set; } = 1024 * 1024;

    /// <summary>
    /// The node's physical volumes and file system; null: one disk of <see cref="DiskTotal"/>
    /// (<see cref="NodeStorage.OneDisk"/>). <see cref="StorageModel"/> reads and changes it.
    /// </summary>
    public NodeStorage? Storage { get; set; }
}
