namespace Ganeti.Simulator.Query;

/// <summary>
/// Lock query field definitions (Ganeti's Query/Locks.hs). The simulator answers
/// QueryFields for locks but not Query: its locks are not Ganeti's lock hierarchy.
/// </summary>
public static class LockFields
{
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
