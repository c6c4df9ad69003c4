using System.Buffers;
using Ganeti.Application.Abstractions;

namespace Ganeti.Application.Reads;

/// <summary>
/// Bulk lists read by several clients at once share one query of the master. A request joins
/// the batch of its list that has not sent its query yet; a batch sends its query as soon as
/// the previous one for the same list has read the master's answer. So every answer comes from
/// a query that started after its request arrived (no client sees older state than it would
/// alone), while readers that come together cost the master, and the rewriting, once. The
/// rewritten list is written once into pooled blocks that each client sends at its own pace.
/// </summary>
public sealed class SharedListReads(IGanetiQueries queries)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Batch> _forming = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reading = new(StringComparer.Ordinal);
    private int _queriesSent;

    /// <summary>How many master queries the shared reads have sent (for tests and measurements).</summary>
    public int QueriesSent => Volatile.Read(ref _queriesSent);

    /// <summary>The bulk list of <paramref name="resource"/>; throws the master's error before any byte.</summary>
    public async ValueTask<JsonBody> ReadAsync(RapiResource resource, bool useLocking, CancellationToken ct)
    {
        var key = $"{resource.Query}/{useLocking}";
        Batch batch;
        bool start;
        lock (_sync)
        {
            if (!_forming.TryGetValue(key, out batch!))
            {
                batch = new Batch(resource, useLocking);
                _forming[key] = batch;
            }

            batch.Members++;
            start = !_reading.Contains(key);
            if (start)
            {
                _forming.Remove(key);
                _reading.Add(key);
            }
        }

        if (start)
        {
            _ = RunAsync(key, batch);
        }

        try
        {
            return (await batch.Ready.Task.WaitAsync(ct).ConfigureAwait(false))();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The member's share must still be taken and given back, or the batch would wait for it.
            _ = batch.Ready.Task.ContinueWith(
                ready => ready.Result().DisposeAsync().AsTask(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// Sends the batch's query and writes the rewritten answer once, at the master's pace, for
    /// every member to copy at its own; the next batch may start once the answer is read, so a
    /// slow client never holds up the others.
    /// </summary>
    private async Task RunAsync(string key, Batch batch)
    {
        Interlocked.Increment(ref _queriesSent);
        var resource = batch.Resource;
        var all = resource.Query is ClassicQuery.Jobs or ClassicQuery.Filters ? null : Array.Empty<string>();
        RowsBody rows;
        try
        {
            var source = await queries.StreamRowsAsync(resource.Query, all, resource.BulkFields, batch.UseLocking, CancellationToken.None).ConfigureAwait(false);
            rows = RowsBody.List(source, resource.BulkFields, resource.MemoryAlias);
        }
        catch (Exception ex)
        {
            // The master refused or could not be reached: every member gets the error, before any byte.
            Next(key);
            batch.Ready.SetException(ex);
            return;
        }

        var shared = new SharedOutput(batch.Members);
        batch.Ready.SetResult(shared.Reader);
        try
        {
            while (await rows.WriteNextAsync(shared, CancellationToken.None).ConfigureAwait(false))
            {
                shared.Publish();
            }

            shared.Complete(null);
        }
        catch (Exception ex)
        {
            // Members have their bodies already: they fail mid-answer, as a streamed read would.
            shared.Complete(ex);
        }
        finally
        {
            // The answer is read: the next batch starts before the connection is handed back.
            Next(key);
            await rows.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The answer of a list has been read: the batch formed meanwhile, if any, sends its query now.</summary>
    private void Next(string key)
    {
        Batch? next;
        lock (_sync)
        {
            if (!_forming.Remove(key, out next))
            {
                _reading.Remove(key);
            }
        }

        if (next is not null)
        {
            _ = RunAsync(key, next);
        }
    }

    private sealed class Batch(RapiResource resource, bool useLocking)
    {
        public RapiResource Resource { get; } = resource;

        public bool UseLocking { get; } = useLocking;

        /// <summary>Counted under the lock, before the batch starts.</summary>
        public int Members { get; set; }

        /// <summary>Makes one member's body (called once per member).</summary>
        public TaskCompletionSource<Func<JsonBody>> Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// A rewritten answer written once into blocks rented from <see cref="ArrayPool{T}.Shared"/>
/// and read by several members, each at its own pace; the blocks go back to the pool when the
/// writer is done and every member has finished.
/// </summary>
internal sealed class SharedOutput(int readers) : IBufferWriter<byte>
{
    private const int BlockBytes = 256 * 1024;

    private readonly Lock _sync = new();
    private readonly List<byte[]> _blocks = [];
    private readonly List<int> _lengths = [];
    private TaskCompletionSource _more = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _readers = readers;
    private int _written;
    private long _published;
    private bool _complete;
    private Exception? _error;

    /// <summary>A member's own reader (each member takes exactly one).</summary>
    public JsonBody Reader() => new SharedReader(this);

    public void Advance(int count)
    {
        _lengths[^1] += count;
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var need = Math.Max(sizeHint, 1);
        if (_blocks.Count == 0 || _blocks[^1].Length - _lengths[^1] < need)
        {
            lock (_sync)
            {
                _blocks.Add(ArrayPool<byte>.Shared.Rent(Math.Max(BlockBytes, need)));
                _lengths.Add(0);
            }
        }

        return _blocks[^1].AsMemory(_lengths[^1]);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Makes what was written so far visible to the members.</summary>
    public void Publish()
    {
        TaskCompletionSource more;
        lock (_sync)
        {
            _published = _written;
            more = _more;
            _more = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        more.SetResult();
    }

    public void Complete(Exception? error)
    {
        lock (_sync)
        {
            _error = error;
            _complete = true;
        }

        Publish();
        Release(0);
    }

    /// <summary>A member is done (or the writer, with 0): the last one gives the blocks back.</summary>
    private void Release(int members)
    {
        lock (_sync)
        {
            _readers -= members;
            if (_readers > 0 || !_complete)
            {
                return;
            }

            foreach (var block in _blocks)
            {
                ArrayPool<byte>.Shared.Return(block);
            }

            _blocks.Clear();
            _lengths.Clear();
        }
    }

    /// <summary>Copies up to <paramref name="max"/> published bytes from <paramref name="position"/>; waits while there are none and more may come.</summary>
    private async ValueTask<(int Copied, bool Ended)> CopyAsync(long position, IBufferWriter<byte> destination, int max, CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_sync)
            {
                if (_published > position)
                {
                    var copied = 0;
                    var at = 0L;
                    for (var i = 0; i < _blocks.Count && copied < max && position < _published; i++)
                    {
                        var length = _lengths[i];
                        if (position < at + length)
                        {
                            var from = (int)(position - at);
                            var take = (int)Math.Min(Math.Min(length - from, max - copied), _published - position);
                            destination.Write(_blocks[i].AsSpan(from, take));
                            copied += take;
                            position += take;
                        }

                        at += length;
                    }

                    return (copied, _complete && _error is null && position >= _published);
                }

                if (_complete)
                {
                    return _error is null ? (0, true) : throw _error;
                }

                wait = _more.Task;
            }

            await wait.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private sealed class SharedReader(SharedOutput output) : JsonBody
    {
        private long _position;
        private int _released;

        public override async ValueTask<bool> WriteNextAsync(IBufferWriter<byte> destination, CancellationToken ct)
        {
            var (copied, ended) = await output.CopyAsync(_position, destination, PartBytes, ct).ConfigureAwait(false);
            _position += copied;
            return !ended;
        }

        public override async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                output.Release(1);
            }

            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
