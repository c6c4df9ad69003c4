using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ganeti.Application.Abstractions;

namespace Ganeti.Application.Reads;

/// <summary>
/// The non-bulk list of a resource: <c>[{key: id, "uri": prefix + id}, …]</c> from rows of one
/// field, sorted as Ganeti sorts them (names as plain strings, job ids as numbers).
/// </summary>
public sealed class IndexListBody : JsonBody
{
    private readonly List<(string Text, long Number)> _ids = [];
    private readonly bool _numeric;
    private readonly JsonEncodedText _key;
    private readonly string _uriPrefix;
    private Utf8JsonWriter? _writer;
    private int _next = -1;

    public IndexListBody(RawJson raw, string key, string uriPrefix, bool numeric)
    {
        using (raw)
        {
            _numeric = numeric;
            _key = JsonEncodedText.Encode(key, WriterOptions.Encoder);
            _uriPrefix = uriPrefix;
            var reader = new Utf8JsonReader(raw.Span);
            RowsBody.Expect(ref reader, JsonTokenType.StartArray);
            while (RowsBody.Next(ref reader) == JsonTokenType.StartArray)
            {
                var token = RowsBody.Next(ref reader);
                _ids.Add(token switch
                {
                    JsonTokenType.Number when numeric && reader.TryGetInt64(out var n) => (n.ToString(CultureInfo.InvariantCulture), n),
                    JsonTokenType.String => (reader.GetString()!, 0),
                    _ => throw RowsBody.Malformed($"an id is {token}"),
                });
                if (RowsBody.Next(ref reader) != JsonTokenType.EndArray)
                {
                    throw RowsBody.Malformed("a row has more than one value");
                }
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw RowsBody.Malformed("a row is not a list");
            }
        }

        if (numeric)
        {
            _ids.Sort((a, b) => a.Number.CompareTo(b.Number));
        }
        else
        {
            _ids.Sort((a, b) => string.CompareOrdinal(a.Text, b.Text));
        }
    }

    public override ValueTask<bool> WriteNextAsync(IBufferWriter<byte> output, CancellationToken ct)
    {
        var writer = _writer ??= new Utf8JsonWriter(output, WriterOptions);
        if (_next < 0)
        {
            writer.WriteStartArray();
            _next = 0;
        }

        for (; _next < _ids.Count && writer.BytesPending < PartBytes; _next++)
        {
            var (text, number) = _ids[_next];
            writer.WriteStartObject();
            if (_numeric)
            {
                writer.WriteNumber(_key, number);
            }
            else
            {
                writer.WriteString(_key, text);
            }

            writer.WriteString("uri"u8, _uriPrefix + text);
            writer.WriteEndObject();
        }

        var done = _next >= _ids.Count;
        if (done)
        {
            writer.WriteEndArray();
        }

        writer.Flush();
        return ValueTask.FromResult(!done);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
