using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;

namespace Ganeti.Application.Reads;

/// <summary>
/// A response body that writes itself as JSON, part by part, so that the host can send each
/// part before the next is made (large answers are never held whole). Dispose it when done.
/// </summary>
public abstract class JsonBody : IAsyncDisposable
{
    /// <summary>How much a part holds before the host is given the chance to send it.</summary>
    public const int PartBytes = 256 * 1024;

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Writes the next part into <paramref name="output"/>; false once the body is complete.</summary>
    public abstract ValueTask<bool> WriteNextAsync(IBufferWriter<byte> output, CancellationToken ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A body holding a value already in memory.</summary>
    public static JsonBody Of(JsonNode? value) => new NodeBody(value);

    /// <summary>A body that is the master's answer as it was sent.</summary>
    public static JsonBody Raw(RawJson raw) => new RawBody(raw);

    /// <summary>
    /// The master's object with its members in the given order (Ganeti's RAPI re-serializes
    /// some answers, e.g. a query's <c>{"data", "fields"}</c>); each member is copied as sent.
    /// </summary>
    public static JsonBody Reordered(RawJson raw, params string[] keys) => new ReorderedBody(raw, keys);

    /// <summary>The whole body at once (tests and small answers).</summary>
    public async Task<byte[]> ToUtf8Async(CancellationToken ct = default)
    {
        var output = new ArrayBufferWriter<byte>();
        while (await WriteNextAsync(output, ct).ConfigureAwait(false))
        {
        }

        return output.WrittenSpan.ToArray();
    }

    public async Task<string> ToJsonStringAsync(CancellationToken ct = default) => Encoding.UTF8.GetString(await ToUtf8Async(ct).ConfigureAwait(false));

    private sealed class NodeBody(JsonNode? value) : JsonBody
    {
        public override ValueTask<bool> WriteNextAsync(IBufferWriter<byte> output, CancellationToken ct)
        {
            using var writer = new Utf8JsonWriter(output, WriterOptions);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }

            return ValueTask.FromResult(false);
        }
    }

    private sealed class RawBody(RawJson raw) : JsonBody
    {
        private int _written;

        public override ValueTask<bool> WriteNextAsync(IBufferWriter<byte> output, CancellationToken ct)
        {
            var rest = raw.Span[_written..];
            var part = rest[..Math.Min(rest.Length, PartBytes)];
            output.Write(part);
            _written += part.Length;
            return ValueTask.FromResult(_written < raw.Length);
        }

        public override ValueTask DisposeAsync()
        {
            raw.Dispose();
            return base.DisposeAsync();
        }
    }

    private sealed class ReorderedBody : JsonBody
    {
        private readonly RawJson _raw;
        private readonly List<(string Key, int Start, int End)> _members = [];
        private int _next = -1;

        public ReorderedBody(RawJson raw, string[] keys)
        {
            _raw = raw;
            try
            {
                Index(keys);
            }
            catch
            {
                raw.Dispose();
                throw;
            }
        }

        public override ValueTask<bool> WriteNextAsync(IBufferWriter<byte> output, CancellationToken ct)
        {
            if (_next < 0)
            {
                output.Write("{"u8);
                _next = 0;
            }

            if (_next < _members.Count)
            {
                var (key, start, end) = _members[_next];
                var name = JsonEncodedText.Encode(key, WriterOptions.Encoder);
                output.Write(_next == 0 ? "\""u8 : ",\""u8);
                output.Write(name.EncodedUtf8Bytes);
                output.Write("\":"u8);
                var value = _raw.Span[start..end];
                for (var at = 0; at < value.Length; at += PartBytes)
                {
                    output.Write(value[at..Math.Min(value.Length, at + PartBytes)]);
                }

                _next++;
                return ValueTask.FromResult(true);
            }

            output.Write("}"u8);
            return ValueTask.FromResult(false);
        }

        public override ValueTask DisposeAsync()
        {
            _raw.Dispose();
            return base.DisposeAsync();
        }

        private void Index(string[] keys)
        {
            var reader = new Utf8JsonReader(_raw.Span);
            RowsBody.Expect(ref reader, JsonTokenType.StartObject);
            var found = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            while (RowsBody.Next(ref reader) == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                RowsBody.Next(ref reader);
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                found[key] = (start, (int)reader.BytesConsumed);
            }

            foreach (var key in keys.Concat(found.Keys.Except(keys)))
            {
                if (found.TryGetValue(key, out var range))
                {
                    _members.Add((key, range.Item1, range.Item2));
                }
            }
        }
    }
}
