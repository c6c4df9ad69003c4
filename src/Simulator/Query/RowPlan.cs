using System.Runtime.ExceptionServices;

namespace Ganeti.Simulator.Query;

/// <summary>
/// A query answer ready to be written: its head and tail (fixed JSON around the rows) and the
/// objects to write rows for. Many rows are written in parts by several threads, each with
/// field tables of its own (fields remember things about the row being written); a part's rows
/// are separated by commas, without one before the first. The caller holds the state's lock
/// until every part is written.
/// </summary>
public sealed class RowPlan<T>
{
    /// <summary>Rows per part at least; fewer than two parts' worth are written on one thread.</summary>
    public const int RowsPerPart = 1000;

    private const int MaxThreads = 8;

    private readonly IEnumerable<T> _candidates;
    private readonly IReadOnlyList<T>? _items;
    private readonly RowShape<T> _shape;
    private readonly Func<T, bool>? _passes;
    private readonly bool _classic;
    private readonly Func<(RowShape<T> Shape, Func<T, bool>? Passes)>? _forAnotherThread;
    private readonly int _threads = 1;

    internal RowPlan(
        byte[] head,
        byte[] tail,
        IEnumerable<T> candidates,
        RowShape<T> shape,
        Func<T, bool>? passes,
        bool classic,
        Func<(RowShape<T> Shape, Func<T, bool>? Passes)>? forAnotherThread)
    {
        Head = head;
        Tail = tail;
        _candidates = candidates;
        _shape = shape;
        _passes = passes;
        _classic = classic;
        _forAnotherThread = forAnotherThread;
        var threads = Math.Min(Environment.ProcessorCount, MaxThreads);
        if (forAnotherThread is not null && threads > 1 && candidates is IReadOnlyList<T> items && items.Count >= 2 * RowsPerPart)
        {
            _items = items;
            _threads = threads;
            Parts = Math.Min(items.Count / RowsPerPart, 4 * threads);
        }
    }

    /// <summary>The JSON before the rows, e.g. <c>{"fields":[…],"data":[</c>.</summary>
    public byte[] Head { get; }

    /// <summary>The JSON after the rows, e.g. <c>]}</c>.</summary>
    public byte[] Tail { get; }

    public int Parts { get; } = 1;

    /// <summary>Writes the whole answer to <paramref name="writer"/>.</summary>
    public void WriteTo(QueryJsonWriter writer)
    {
        writer.AppendRaw(Head, valueFollows: false);
        if (Parts == 1)
        {
            WriteRows(writer, _candidates, _shape, _passes);
        }
        else
        {
            var parts = new Utf8Chunks?[Parts];
            try
            {
                WriteParts((part, rows) => parts[part] = rows);
                foreach (var rows in parts)
                {
                    writer.AppendValues(rows!);
                }
            }
            catch
            {
                foreach (var rows in parts)
                {
                    rows?.Dispose();
                }

                throw;
            }
        }

        writer.AppendRaw(Tail, valueFollows: true);
    }

    /// <summary>
    /// Writes the rows part by part, handing each part to <paramref name="done"/> as soon as it
    /// is written (from whichever thread wrote it; parts finish roughly in order). Returns when
    /// no thread touches the state any more; the first failure is thrown.
    /// </summary>
    public void WriteParts(Action<int, Utf8Chunks> done)
    {
        if (Parts == 1)
        {
            var writer = new QueryJsonWriter();
            try
            {
                WriteRows(writer, _candidates, _shape, _passes);
                done(0, writer.Detach());
            }
            finally
            {
                writer.Dispose();
            }

            return;
        }

        var next = -1;
        var active = 0;
        Exception? failure = null;
        var gate = new object();

        // Takes parts until none is left (or one failed); tables are made only once a part is taken.
        void Work(Func<(RowShape<T> Shape, Func<T, bool>? Passes)> tables)
        {
            (RowShape<T> Shape, Func<T, bool>? Passes)? mine = null;
            try
            {
                int part;
                while (Volatile.Read(ref failure) is null && (part = Interlocked.Increment(ref next)) < Parts)
                {
                    mine ??= tables();
                    var writer = new QueryJsonWriter();
                    try
                    {
                        var start = (int)((long)_items!.Count * part / Parts);
                        var end = (int)((long)_items.Count * (part + 1) / Parts);
                        for (var i = start; i < end; i++)
                        {
                            var item = _items[i];
                            if (mine.Value.Passes is null || mine.Value.Passes(item))
                            {
                                WriteRow(writer, mine.Value.Shape, item);
                            }
                        }

                        done(part, writer.Detach());
                    }
                    finally
                    {
                        writer.Dispose();
                    }
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
            }
        }

        // Helpers join while the rows are being written; once this thread has run out of parts
        // it closes the gate, waits for the helpers inside and returns, so that the caller can
        // let go of the state. A helper that starts after that touches nothing.
        var closed = false;
        for (var helper = 1; helper < _threads; helper++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    lock (gate)
                    {
                        if (closed)
                        {
                            return;
                        }

                        active++;
                    }

                    Work(_forAnotherThread!);
                    lock (gate)
                    {
                        active--;
                        Monitor.PulseAll(gate);
                    }
                },
                null);
        }

        Work(() => (_shape, _passes));
        lock (gate)
        {
            closed = true;
            while (active > 0)
            {
                Monitor.Wait(gate);
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private void WriteRows(QueryJsonWriter writer, IEnumerable<T> items, RowShape<T> shape, Func<T, bool>? passes)
    {
        foreach (var item in items)
        {
            if (passes is null || passes(item))
            {
                WriteRow(writer, shape, item);
            }
        }
    }

    private void WriteRow(QueryJsonWriter writer, RowShape<T> shape, T item)
    {
        if (_classic)
        {
            shape.WriteClassicRow(writer, item);
        }
        else
        {
            shape.WriteQueryRow(writer, item);
        }
    }
}
