using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;

namespace Ganeti.Application.Reads;

/// <summary>
/// Rewrites the rows of a classic query (<c>[[v1, v2, …], …]</c>, values in the order of
/// the fields asked for) into RAPI's objects (<c>[{"f1": v1, …}, …]</c>, or one object), by
/// copying each value's bytes as the master sent them next to pre-encoded keys: nothing is
/// parsed into a document and nothing is re-encoded. <c>beparams</c> can get Ganeti's
/// <c>memory</c> alias (= <c>maxmem</c>) and a single object the aliases of its resource (e.g.
/// <c>secondary_ip</c> = <c>sip</c>), appended at the end as Python's dicts do.
/// </summary>
public sealed class RowsBody : JsonBody
{
    private static readonly byte[] MemoryKey = "\"memory\":"u8.ToArray();

    private readonly IJsonSource _source;

    /// <summary>Per field, what goes before its value: <c>{"name":</c> for the first, <c>,"os":</c> for the others.</summary>
    private readonly byte[][] _keys;
    private readonly bool _single;
    private readonly int _beparams;
    private readonly (byte[] Key, int Source)[] _aliases;
    private readonly (int Start, int End)[] _values;

    /// <summary>The answer's bytes not yet rewritten: <c>_window[_start.._end]</c>.</summary>
    private byte[] _window = ArrayPool<byte>.Shared.Rent(256 * 1024);
    private int _start;
    private int _end;
    private bool _sourceDone;
    private bool _started;
    private bool _firstRow = true;
    private bool _done;
    private int _largestRow = 1024;

    private RowsBody(IJsonSource source, IReadOnlyList<string> fields, bool single, bool memoryAlias, IReadOnlyList<(string Alias, string Source)> aliases)
    {
        _source = source;
        _keys = [.. fields.Select((f, i) => Key(f, i == 0 ? "{" : ","))];
        _values = new (int, int)[fields.Count];
        _single = single;
        _beparams = memoryAlias ? IndexOf(fields, "beparams") : -1;
        _aliases = [.. aliases.Where(a => fields.Contains(a.Source)).Select(a => (Key(a.Alias, ","), IndexOf(fields, a.Source)))];
    }

    /// <summary>Every row as an object, in the master's order, rewritten while the answer arrives.</summary>
    public static RowsBody List(IJsonSource source, IReadOnlyList<string> fields, bool memoryAlias) =>
        new(source, fields, single: false, memoryAlias, []);

    /// <summary>Every row of an answer already read.</summary>
    public static RowsBody List(RawJson raw, IReadOnlyList<string> fields, bool memoryAlias) =>
        new(new RawJsonSource(raw), fields, single: false, memoryAlias, []);

    /// <summary>The first row as one object (the caller checked there is one).</summary>
    public static RowsBody Single(RawJson raw, IReadOnlyList<string> fields, bool memoryAlias, IReadOnlyList<(string Alias, string Source)> aliases) =>
        new(new RawJsonSource(raw), fields, single: true, memoryAlias, aliases);

    /// <summary>Whether a list of rows has no row (also checks that it is a list).</summary>
    public static bool IsEmpty(RawJson raw)
    {
        var scan = new JsonScanner(raw.Span, 0);
        try
        {
            scan.Expect((byte)'[');
            return scan.Peek() == (byte)']';
        }
        catch (IncompleteJsonException)
        {
            throw Malformed("the answer ends early");
        }
    }

    public override async ValueTask<bool> WriteNextAsync(IBufferWriter<byte> output, CancellationToken ct)
    {
        var written = 0;
        while (!_done)
        {
            // Rewriting stops at a row that has not fully arrived; waiting until the window holds
            // more than the largest row so far makes that rare.
            if ((_sourceDone || _end - _start > 2 * _largestRow) && Rewrite(output, ref written))
            {
                return !_done;
            }

            // The rows at hand are written; more of the answer is needed.
            if (_sourceDone)
            {
                throw Malformed("the answer ends early");
            }

            var chunk = await _source.ReadAsync(ct).ConfigureAwait(false);
            if (chunk.IsEmpty)
            {
                _sourceDone = true;
            }
            else
            {
                Append(chunk.Span);
            }
        }

        return false;
    }

    public override async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync().ConfigureAwait(false);
        if (_window.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_window);
            _window = [];
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Rewrites the complete rows at hand; true when a part's worth (counting
    /// <paramref name="written"/>, what this part already holds) was written or the answer
    /// ended, false when the next row has not fully arrived yet.
    /// </summary>
    private bool Rewrite(IBufferWriter<byte> output, ref int written)
    {
        var input = _window.AsSpan(0, _end);
        var sink = new Sink(output, written);
        try
        {
            while (sink.Written < PartBytes)
            {
                var scan = new JsonScanner(input, _start);
                if (!_started)
                {
                    scan.Expect((byte)'[');
                    if (!_single)
                    {
                        sink.Write("["u8);
                    }

                    _started = true;
                    _start = scan.Position;
                    continue;
                }

                var next = scan.Next();
                if (next == (byte)']')
                {
                    sink.Write("]"u8);
                    _done = true;
                    return true;
                }

                if (!_firstRow)
                {
                    if (next != (byte)',')
                    {
                        throw Malformed("rows are not separated by commas");
                    }

                    next = scan.Next();
                }

                if (next != (byte)'[')
                {
                    throw Malformed("a row is not a list");
                }

                var rowStart = _start;
                ScanRow(ref scan);
                _largestRow = Math.Max(_largestRow, scan.Position - rowStart);
                if (!_firstRow)
                {
                    sink.Write(","u8);
                }

                WriteRow(input, ref sink);
                _firstRow = false;
                _start = scan.Position;
                if (_single)
                {
                    _done = true;
                    return true;
                }
            }

            return true;
        }
        catch (IncompleteJsonException)
        {
            // The row being read is not all here; it is read again once more has arrived.
            return false;
        }
        finally
        {
            sink.Flush();
            written = sink.Written;
        }
    }

    /// <summary>Finds the row's values (the scanner is just after its opening bracket); nothing is written yet.</summary>
    private void ScanRow(ref JsonScanner scan)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (i > 0 && scan.Next() != (byte)',')
            {
                throw Malformed($"a row has {i} values for {_keys.Length} fields");
            }

            if (scan.Peek() == (byte)']')
            {
                throw Malformed($"a row has {i} values for {_keys.Length} fields");
            }

            _values[i] = scan.Value();
        }

        if (scan.Next() != (byte)']')
        {
            throw Malformed($"a row has more than {_keys.Length} values");
        }
    }

    private void WriteRow(ReadOnlySpan<byte> input, ref Sink sink)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            var (start, end) = _values[i];
            sink.Write(_keys[i]);
            if (i == _beparams && input[start] == (byte)'{')
            {
                WriteWithMemory(input[start..end], ref sink);
            }
            else
            {
                sink.Write(input[start..end]);
            }
        }

        foreach (var (key, source) in _aliases)
        {
            sink.Write(key);
            sink.Write(input[_values[source].Start.._values[source].End]);
        }

        sink.Write("}"u8);
    }

    /// <summary>Adds arrived bytes behind the ones not yet rewritten, moving or growing the window as needed.</summary>
    private void Append(ReadOnlySpan<byte> chunk)
    {
        var kept = _end - _start;
        if (kept + chunk.Length > _window.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_window.Length * 2, kept + chunk.Length));
            _window.AsSpan(_start, kept).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_window);
            _window = larger;
        }
        else if (_end + chunk.Length > _window.Length)
        {
            _window.AsSpan(_start, kept).CopyTo(_window);
        }
        else
        {
            kept = -1;
        }

        if (kept >= 0)
        {
            _start = 0;
            _end = kept;
        }

        chunk.CopyTo(_window.AsSpan(_end));
        _end += chunk.Length;
    }

    /// <summary>Writes a <c>beparams</c> object with <c>"memory"</c> appended, equal to its <c>maxmem</c> (when it has one).</summary>
    private static void WriteWithMemory(ReadOnlySpan<byte> beparams, ref Sink sink)
    {
        var scan = new JsonScanner(beparams, 0);
        scan.Expect((byte)'{');
        var members = 0;
        ReadOnlySpan<byte> maxmem = default;
        if (scan.Peek() != (byte)'}')
        {
            do
            {
                members++;
                var (keyStart, keyEnd) = scan.Value();
                scan.Expect((byte)':');
                var (start, end) = scan.Value();
                if (beparams[keyStart..keyEnd].SequenceEqual("\"maxmem\""u8))
                {
                    maxmem = beparams[start..end];
                }
            }
            while (scan.Next() == (byte)',');
        }

        if (maxmem.IsEmpty)
        {
            sink.Write(beparams);
            return;
        }

        var close = beparams.LastIndexOf((byte)'}');
        sink.Write(beparams[..close]);
        if (members > 0)
        {
            sink.Write(","u8);
        }

        sink.Write(MemoryKey);
        sink.Write(maxmem);
        sink.Write("}"u8);
    }

    /// <summary>A field's key as JSON, with what goes before it.</summary>
    private static byte[] Key(string field, string before) =>
        Encoding.UTF8.GetBytes(before + "\"" + JsonEncodedText.Encode(field, WriterOptions.Encoder) + "\":");

    private static int IndexOf(IReadOnlyList<string> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    internal static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.Read() ? reader.TokenType : throw Malformed("the answer ends early");
        }
        catch (JsonException ex)
        {
            throw Malformed(ex.Message);
        }
    }

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw Malformed(string.Create(CultureInfo.InvariantCulture, $"expected {type}, found {reader.TokenType}"));
        }
    }

    internal static MasterProtocolException Malformed(string what) => new($"The master's answer is not a list of rows: {what}");

    /// <summary>Appends bytes into spans of the output, asking it for room a block at a time.</summary>
    private ref struct Sink(IBufferWriter<byte> output, int written)
    {
        private const int Block = 16 * 1024;
        private Span<byte> _span;
        private int _used;

        /// <summary>Bytes written into the output so far (committed or not).</summary>
        public int Written { get; private set; } = written;

        public void Write(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > _span.Length - _used)
            {
                Flush();
                if (bytes.Length > Block)
                {
                    output.Write(bytes);
                    Written += bytes.Length;
                    return;
                }

                _span = output.GetSpan(Block);
            }

            bytes.CopyTo(_span[_used..]);
            _used += bytes.Length;
            Written += bytes.Length;
        }

        /// <summary>Commits what was written.</summary>
        public void Flush()
        {
            if (_used > 0)
            {
                output.Advance(_used);
            }

            _span = default;
            _used = 0;
        }
    }

    /// <summary>An answer already read, given as one chunk.</summary>
    private sealed class RawJsonSource(RawJson raw) : IJsonSource
    {
        private bool _given;

        public ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken ct)
        {
            if (_given)
            {
                return ValueTask.FromResult(ReadOnlyMemory<byte>.Empty);
            }

            _given = true;
            return ValueTask.FromResult<ReadOnlyMemory<byte>>(raw.Span.ToArray());
        }

        public ValueTask DisposeAsync()
        {
            raw.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
