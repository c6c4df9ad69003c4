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

    private readonly RawJson _raw;

    /// <summary>Per field, what goes before its value: <c>{"name":</c> for the first, <c>,"os":</c> for the others.</summary>
    private readonly byte[][] _keys;
    private readonly bool _single;
    private readonly int _beparams;
    private readonly (byte[] Key, int Source)[] _aliases;
    private int _position;
    private bool _started;
    private bool _firstRow = true;

    private RowsBody(RawJson raw, IReadOnlyList<string> fields, bool single, bool memoryAlias, IReadOnlyList<(string Alias, string Source)> aliases)
    {
        _raw = raw;
        _keys = [.. fields.Select((f, i) => Key(f, i == 0 ? "{" : ","))];
        _single = single;
        _beparams = memoryAlias ? IndexOf(fields, "beparams") : -1;
        _aliases = [.. aliases.Where(a => fields.Contains(a.Source)).Select(a => (Key(a.Alias, ","), IndexOf(fields, a.Source)))];
    }

    /// <summary>Every row as an object, in the master's order.</summary>
    public static RowsBody List(RawJson raw, IReadOnlyList<string> fields, bool memoryAlias) =>
        new(raw, fields, single: false, memoryAlias, []);

    /// <summary>The first row as one object (the caller checked there is one).</summary>
    public static RowsBody Single(RawJson raw, IReadOnlyList<string> fields, bool memoryAlias, IReadOnlyList<(string Alias, string Source)> aliases) =>
        new(raw, fields, single: true, memoryAlias, aliases);

    /// <summary>Whether a list of rows has no row (also checks that it is a list).</summary>
    public static bool IsEmpty(RawJson raw)
    {
        var scan = new JsonScanner(raw.Span, 0);
        scan.Expect((byte)'[');
        return scan.Peek() == (byte)']';
    }

    public override bool WriteNext(IBufferWriter<byte> output)
    {
        var input = _raw.Span;
        var scan = new JsonScanner(input, _position);
        var sink = new Sink(output);
        if (!_started)
        {
            scan.Expect((byte)'[');
            if (!_single)
            {
                sink.Write("["u8);
            }

            _started = true;
        }

        var done = false;
        while (sink.Written < PartBytes)
        {
            var next = scan.Next();
            if (next == (byte)']')
            {
                sink.Write("]"u8);
                done = true;
                break;
            }

            if (!_firstRow)
            {
                if (next != (byte)',')
                {
                    throw Malformed("rows are not separated by commas");
                }

                sink.Write(","u8);
                next = scan.Next();
            }

            if (next != (byte)'[')
            {
                throw Malformed("a row is not a list");
            }

            WriteRow(ref scan, input, ref sink);
            _firstRow = false;
            if (_single)
            {
                done = true;
                break;
            }
        }

        sink.Flush();
        _position = scan.Position;
        return !done;
    }

    public override void Dispose()
    {
        _raw.Dispose();
        base.Dispose();
    }

    /// <summary>Writes one row as an object; the scanner is just after the row's opening bracket.</summary>
    private void WriteRow(ref JsonScanner scan, ReadOnlySpan<byte> input, ref Sink sink)
    {
        Span<(int Start, int End)> values = _aliases.Length == 0 ? default : stackalloc (int, int)[_keys.Length];
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

            var (start, end) = scan.Value();
            if (!values.IsEmpty)
            {
                values[i] = (start, end);
            }

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

        if (scan.Next() != (byte)']')
        {
            throw Malformed($"a row has more than {_keys.Length} values");
        }

        foreach (var (key, source) in _aliases)
        {
            sink.Write(key);
            sink.Write(input[values[source].Start..values[source].End]);
        }

        sink.Write("}"u8);
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
    private ref struct Sink(IBufferWriter<byte> output)
    {
        private const int Block = 16 * 1024;
        private Span<byte> _span;
        private int _used;

        /// <summary>Bytes written into the output so far (committed or not).</summary>
        public int Written { get; private set; }

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
}
