using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Query;

/// <summary>
/// A small, fast JSON writer for query answers (millions of cells for large clusters): it
/// appends UTF-8 to pooled chunks (never one large, growing array), inserts commas itself and escapes strings like
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> (the LUXI encoder), taking a
/// copy-only path for plain ASCII. It does not validate the structure it is given. Control
/// characters are always escaped, so its output never holds LUXI's end-of-message byte 0x03.
/// </summary>
public sealed class QueryJsonWriter : IDisposable
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private const int RunLength = 32;

    /// <summary>Per status, <c>,[status,null]</c> <see cref="RunLength"/> times (9 bytes a cell).</summary>
    private static readonly byte[][] StatusRuns = [.. Enumerable.Range(0, 5).Select(s => System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(",[" + s.ToString(CultureInfo.InvariantCulture) + ",null]", RunLength))))];

    /// <summary><c>,null</c> <see cref="RunLength"/> times (5 bytes a value).</summary>
    private static readonly byte[] NullRun = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(",null", RunLength)));

    private readonly List<Utf8Chunks.Segment> _done = [];
    private byte[] _buffer;
    private int _position;
    private int _doneLength;
    private bool _needComma;

    public QueryJsonWriter(int initialCapacity = Utf8Chunks.ChunkSize)
    {
        _buffer = Utf8Chunks.Rent(initialCapacity);
    }

    public int Length => _doneLength + _position;

    public byte[] ToArray()
    {
        var result = GC.AllocateUninitializedArray<byte>(Length);
        var offset = 0;
        foreach (var segment in _done)
        {
            segment.Buffer.AsSpan(0, segment.Length).CopyTo(result.AsSpan(offset));
            offset += segment.Length;
        }

        _buffer.AsSpan(0, _position).CopyTo(result.AsSpan(offset));
        return result;
    }

    /// <summary>Hands the written bytes over (without copying them); the writer is empty afterwards.</summary>
    public Utf8Chunks Detach()
    {
        _done.Add(new Utf8Chunks.Segment(_buffer, _position));
        var chunks = new Utf8Chunks([.. _done]);
        _done.Clear();
        _doneLength = 0;
        _buffer = [];
        _position = 0;
        return chunks;
    }

    public void Dispose()
    {
        foreach (var segment in _done)
        {
            Utf8Chunks.Return(segment.Buffer);
        }

        _done.Clear();
        Utf8Chunks.Return(_buffer);
        _buffer = [];
    }

    /// <summary>
    /// Appends values written by another writer (a comma-separated run, such as rows of the
    /// open array) after those written so far, taking over its chunks without copying them.
    /// </summary>
    public void AppendValues(Utf8Chunks values)
    {
        var segments = values.Release();
        var any = false;
        foreach (var segment in segments)
        {
            any |= segment.Length > 0;
        }

        if (!any)
        {
            foreach (var segment in segments)
            {
                Utf8Chunks.Return(segment.Buffer);
            }

            return;
        }

        Separate();
        _done.Add(new Utf8Chunks.Segment(_buffer, _position));
        _doneLength += _position;
        foreach (var segment in segments)
        {
            _done.Add(segment);
            _doneLength += segment.Length;
        }

        _buffer = Utf8Chunks.Rent(Utf8Chunks.ChunkSize);
        _position = 0;
        _needComma = true;
    }

    /// <summary>
    /// JSON text appended as it is, without a separator (such as the head of an answer, up to
    /// an open bracket); <paramref name="valueFollows"/> tells whether it ends with a value.
    /// </summary>
    public void AppendRaw(ReadOnlySpan<byte> json, bool valueFollows)
    {
        Append(json);
        _needComma = valueFollows;
    }

    /// <summary>A value already encoded as JSON (written as it is).</summary>
    public void WriteRawValue(ReadOnlySpan<byte> json)
    {
        Separate();
        Append(json);
        _needComma = true;
    }

    /// <summary>An object member already encoded as <c>"key":value</c> (written as it is).</summary>
    public void WriteRawMember(ReadOnlySpan<byte> json) => WriteRawValue(json);

    public void WriteStartArray() => Open((byte)'[');

    public void WriteEndArray() => Close((byte)']');

    public void WriteStartObject() => Open((byte)'{');

    public void WriteEndObject() => Close((byte)'}');

    public void WritePropertyName(string name)
    {
        Separate();
        WriteQuoted(name);
        Append((byte)':');
        _needComma = false;
    }

    public void WriteNullValue()
    {
        Separate();
        Append("null"u8);
        _needComma = true;
    }

    public void WriteBooleanValue(bool value)
    {
        Separate();
        Append(value ? "true"u8 : "false"u8);
        _needComma = true;
    }

    public void WriteNumberValue(long value)
    {
        Separate();
        if (value is >= 0 and < 10)
        {
            Append((byte)('0' + value));
            _needComma = true;
            return;
        }

        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_position), out var written, default, CultureInfo.InvariantCulture);
        _position += written;
        _needComma = true;
    }

    public void WriteNumberValue(double value)
    {
        Separate();
        Ensure(32);
        value.TryFormat(_buffer.AsSpan(_position), out var written, default, CultureInfo.InvariantCulture);
        _position += written;
        _needComma = true;
    }

    public void WriteStringValue(string value)
    {
        Separate();
        WriteQuoted(value);
        _needComma = true;
    }

    public void WriteString(string name, string value)
    {
        WritePropertyName(name);
        WriteStringValue(value);
    }

    /// <summary>Starts a Query2 cell with a value: <c>[0, </c>; the value and <see cref="WriteEndArray"/> follow.</summary>
    public void WriteStartNormalCell()
    {
        Ensure(4);
        var buffer = _buffer;
        var position = _position;
        if (_needComma)
        {
            buffer[position++] = (byte)',';
        }

        buffer[position] = (byte)'[';
        buffer[position + 1] = (byte)'0';
        buffer[position + 2] = (byte)',';
        _position = position + 3;
        _needComma = false;
    }

    /// <summary>A Query2 cell without a value: <c>[status, null]</c>.</summary>
    public void WriteStatusCell(ResultStatus status) => WriteRun(StatusRuns[(int)status], 9, 1);

    /// <summary><paramref name="count"/> Query2 cells without a value.</summary>
    public void WriteStatusCells(ResultStatus status, int count) => WriteRun(StatusRuns[(int)status], 9, count);

    /// <summary><paramref name="count"/> null values.</summary>
    public void WriteNullValues(int count) => WriteRun(NullRun, 5, count);

    /// <summary>Writes a node (as it is, not copied).</summary>
    public void WriteNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                WriteNullValue();
                break;
            case JsonObject obj:
                // Indexed rather than foreach: JsonObject's and JsonArray's enumerators are boxed.
                WriteStartObject();
                for (var i = 0; i < obj.Count; i++)
                {
                    var (key, value) = obj.GetAt(i);
                    WritePropertyName(key);
                    WriteNode(value);
                }

                WriteEndObject();
                break;
            case JsonArray array:
                WriteStartArray();
                for (var i = 0; i < array.Count; i++)
                {
                    WriteNode(array[i]);
                }

                WriteEndArray();
                break;
            case JsonValue value:
                WriteValue(value);
                break;
        }
    }

    private void WriteValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteStringValue(value.GetValue<string>());
                break;
            case JsonValueKind.True:
                WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                WriteBooleanValue(false);
                break;
            case JsonValueKind.Number when JsonNumbers.TryGet(value, out var integer, out var real, out var isInteger):
                if (isInteger)
                {
                    WriteNumberValue(integer);
                }
                else
                {
                    WriteNumberValue(real);
                }

                break;
            default:
                WriteNullValue();
                break;
        }
    }

    /// <summary>Copies <paramref name="count"/> items of <paramref name="size"/> bytes (each with its leading comma) from <paramref name="run"/>.</summary>
    private void WriteRun(byte[] run, int size, int count)
    {
        while (count > 0)
        {
            var items = Math.Min(count, RunLength);
            var skip = _needComma ? 0 : 1;
            var length = (items * size) - skip;
            Ensure(length);
            run.AsSpan(skip, length).CopyTo(_buffer.AsSpan(_position));
            _position += length;
            _needComma = true;
            count -= items;
        }
    }

    private void Open(byte token)
    {
        Separate();
        Append(token);
        _needComma = false;
    }

    private void Close(byte token)
    {
        Append(token);
        _needComma = true;
    }

    private void Separate()
    {
        if (_needComma)
        {
            Append((byte)',');
        }
    }

    private void WriteQuoted(string text)
    {
        if (text.AsSpan().ContainsAnyExcept(Plain))
        {
            var encoded = JsonEncodedText.Encode(text, Encoder).EncodedUtf8Bytes;
            Ensure(encoded.Length + 2);
            _buffer[_position++] = (byte)'"';
            encoded.CopyTo(_buffer.AsSpan(_position));
            _position += encoded.Length;
            _buffer[_position++] = (byte)'"';
            return;
        }

        Ensure(text.Length + 2);
        _buffer[_position++] = (byte)'"';
        System.Text.Ascii.FromUtf16(text, _buffer.AsSpan(_position), out var written);
        _position += written;
        _buffer[_position++] = (byte)'"';
    }

    private void Append(byte value)
    {
        if (_position >= _buffer.Length)
        {
            Ensure(1);
        }

        _buffer[_position++] = value;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_position + more <= _buffer.Length)
        {
            return;
        }

        // The current chunk is full: keep it and continue in a fresh one (nothing is copied).
        if (_position > 0)
        {
            _done.Add(new Utf8Chunks.Segment(_buffer, _position));
            _doneLength += _position;
        }
        else
        {
            Utf8Chunks.Return(_buffer);
        }

        _buffer = Utf8Chunks.Rent(Math.Max(Utf8Chunks.ChunkSize, more));
        _position = 0;
    }
}
