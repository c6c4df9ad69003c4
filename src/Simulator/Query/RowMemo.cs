namespace Ganeti.Simulator.Query;

/// <summary>
/// Remembers a value computed from the row being written, so the many fields of one row that
/// need it (filled parameters, the primary node…) compute it once. One per query; not thread-safe.
/// </summary>
public sealed class RowMemo<T, TValue>(Func<T, TValue> compute)
    where T : class
{
    private T? _item;
    private TValue _value = default!;

    public TValue Get(T item)
    {
        if (!ReferenceEquals(item, _item))
        {
            _value = compute(item);
            _item = item;
        }

        return _value;
    }
}
