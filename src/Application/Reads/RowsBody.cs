using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;

namespace Ganeti.Application.Reads;

/// <summary>
/// Rewrites the rows of a classic query (<c>[[v1, v2, …], …]</c>, values in the order of
/// the fields asked for) into RAPI's objects (<c>[{"f1": v1, …}, …]</c>, or one object), by
/// copying each value's bytes as the master sent them: nothing is parsed into a document.
/// <c>beparams</c> can get Ganeti's <c>memory</c> alias (= <c>maxmem</c>) and a single
/// object the aliases of its resource (e.g. <c>secondary_ip</c> = <c>sip</c>), appended at
/// the end as Python's dicts do.
/// </summary>
public sealed class RowsBody : JsonBody
{
    private static readonly byte[] MemoryKey = "\"memory\":"u8.ToArray();

    private readonly RawJson _raw;
    private readonly JsonEncodedText[] _names;
    private readonly bool _single;
    private readonly int _beparams;
    private readonly (JsonEncodedText Alias, int Source)[] _aliases;
    private Utf8JsonWriter? _writer;
    private JsonReaderState _state;
    private int _consumed;
    private bool _started;

    private RowsBody(RawJson raw, IReadOnlyList<string> fields, bool single, bool memoryAlias, IReadOnlyList<(string Alias, string Source)> aliases)
    {
        _raw = raw;
        _names = [.. fields.Select(f => JsonEncodedText.Encode(f, WriterOptions.Encoder))];
        _single = single;
        _beparams = memoryAlias ? IndexOf(fields, "beparams") : -1;
        _aliases = [.. aliases.Where(a => fields.Contains(a.Source)).Select(a => (JsonEncodedText.Encode(a.Alias, WriterOptions.Encoder), IndexOf(fields, a.Source)))];
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
        var reader = new Utf8JsonReader(raw.Span);
        Expect(ref reader, JsonTokenType.StartArray);
        return Next(ref reader) == JsonTokenType.EndArray;
    }

    public override bool WriteNext(IBufferWriter<byte> output)
    {
        var writer = _writer ??= new Utf8JsonWriter(output, WriterOptions);
        var input = _raw.Span[_consumed..];
        var reader = new Utf8JsonReader(input, isFinalBlock: true, _state);
        if (!_started)
        {
            Expect(ref reader, JsonTokenType.StartArray);
            if (!_single)
            {
                writer.WriteStartArray();
            }

            _started = true;
        }

        var done = false;
        while (writer.BytesPending < PartBytes)
        {
            if (Next(ref reader) == JsonTokenType.EndArray)
            {
                writer.WriteEndArray();
                done = true;
                break;
            }

            WriteRow(ref reader, input, writer);
            if (_single)
            {
                done = true;
                break;
            }
        }

        _consumed += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        writer.Flush();
        return !done;
    }

    public override void Dispose()
    {
        _writer?.Dispose();
        _raw.Dispose();
        base.Dispose();
    }

    private void WriteRow(ref Utf8JsonReader reader, ReadOnlySpan<byte> input, Utf8JsonWriter writer)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Malformed("a row is not a list");
        }

        Span<(int Start, int End)> values = _aliases.Length == 0 ? default : stackalloc (int, int)[_names.Length];
        writer.WriteStartObject();
        for (var i = 0; i < _names.Length; i++)
        {
            if (Next(ref reader) == JsonTokenType.EndArray)
            {
                throw Malformed($"a row has {i} values for {_names.Length} fields");
            }

            var start = (int)reader.TokenStartIndex;
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            var end = (int)reader.BytesConsumed;
            if (!values.IsEmpty)
            {
                values[i] = (start, end);
            }

            writer.WritePropertyName(_names[i]);
            if (i == _beparams && isObject)
            {
                WriteWithMemory(input[start..end], writer);
            }
            else
            {
                writer.WriteRawValue(input[start..end], skipInputValidation: true);
            }
        }

        if (Next(ref reader) != JsonTokenType.EndArray)
        {
            throw Malformed($"a row has more than {_names.Length} values");
        }

        foreach (var (alias, source) in _aliases)
        {
            writer.WritePropertyName(alias);
            writer.WriteRawValue(input[values[source].Start..values[source].End], skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>beparams</c> object with <c>"memory"</c> appended, equal to its <c>maxmem</c> (when it has one).</summary>
    private static void WriteWithMemory(ReadOnlySpan<byte> beparams, Utf8JsonWriter writer)
    {
        var reader = new Utf8JsonReader(beparams);
        reader.Read();
        var members = 0;
        ReadOnlySpan<byte> maxmem = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            members++;
            var isMaxmem = reader.ValueTextEquals("maxmem"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isMaxmem)
            {
                maxmem = beparams[start..(int)reader.BytesConsumed];
            }
        }

        if (maxmem.IsEmpty)
        {
            writer.WriteRawValue(beparams, skipInputValidation: true);
            return;
        }

        var close = beparams.LastIndexOf((byte)'}');
        var length = close + (members > 0 ? 1 : 0) + MemoryKey.Length + maxmem.Length + 1;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = rented.AsSpan(0, length);
            beparams[..close].CopyTo(span);
            var at = close;
            if (members > 0)
            {
                span[at++] = (byte)',';
            }

            MemoryKey.CopyTo(span[at..]);
            at += MemoryKey.Length;
            maxmem.CopyTo(span[at..]);
            at += maxmem.Length;
            span[at] = (byte)'}';
            writer.WriteRawValue(span, skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

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
}
