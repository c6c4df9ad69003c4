namespace Ganeti.Simulator.Query;

/// <summary>
/// Lock query fields (Ganeti's Query/Locks.hs). A lock query lists no locks: the simulator's
/// locks are not Ganeti's lock hierarchy. luxid lists the locks wconfd reports, which are
/// none while the cluster is idle, so the two answers agree then.
/// </summary>
public static class LockFields
{
    public static QuerySource<string> Source() => QuerySource<string>.Scanned(Create(), () => []);

    public static FieldTable<string> Create()
    {
        var f = new FieldList<string>
        {
            { "name", "Name", FieldKind.Other, "Lock name", name => name },
            { "mode", "Mode", FieldKind.Other, "Mode in which the lock is currently acquired (exclusive or shared)", _ => FieldValue.NoData },
            { "owner", "Owner", FieldKind.Other, "Current lock owner(s)", _ => FieldValue.NoData },
            { "pending", "Pending", FieldKind.Other, "Jobs waiting for the lock", _ => FieldValue.NoData },
        };
        return f.ToTable();
    }
}
