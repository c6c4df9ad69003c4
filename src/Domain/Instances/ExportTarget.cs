namespace Ganeti.Domain.Instances;

/// <summary>
/// The <c>target_node</c> of OP_BACKUP_EXPORT: a node name for a local export, or for a
/// remote export the per-disk destination list returned by the other cluster's
/// prepare-export. On the wire it is the string or the list itself.
/// </summary>
public sealed record ExportTarget
{
    private ExportTarget(string? node, IReadOnlyList<object?>? remoteDisks)
    {
        Node = node;
        RemoteDisks = remoteDisks;
    }

    /// <summary>The destination node of a local export; null for a remote one.</summary>
    public string? Node { get; }

    /// <summary>The destination of every disk of a remote export; null for a local one.</summary>
    public IReadOnlyList<object?>? RemoteDisks { get; }

    public bool IsRemote => RemoteDisks is not null;

    public static ExportTarget Local(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return new ExportTarget(node, null);
    }

    public static ExportTarget Remote(IReadOnlyList<object?> disks)
    {
        ArgumentNullException.ThrowIfNull(disks);
        return new ExportTarget(null, disks);
    }
}
