using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;

namespace Ganeti.Application.Reads;

/// <summary>
/// A response body that writes itself as JSON, part by part, so that the host can send each
/// part before the next is made (large answers are never held twice). Dispose it when done.
/// </summary>
public abstract class JsonBody : IDisposable
{
    /// <summary>How much a part holds before the host is given the chance to send it.</summary>
    public const int PartBytes = 64 * 1024;

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Writes the next part into <paramref name="output"/>; false once the body is complete.</summary>
    public abstract bool WriteNext(IBufferWriter<byte> output);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>A body holding a value already in memory.</summary>
    public static JsonBody Of(JsonNode? value) => new NodeBody(value);

    /// <summary>A body that is the master's answer as it was sent.</summary>
    public static JsonBody Raw(RawJson raw) => new RawBody(raw);

    /// <summary>The whole body at once (tests and small answers).</summary>
    public byte[] ToUtf8()
    {
        var output = new ArrayBufferWriter<byte>();
        while (WriteNext(output))
        {
        }

        return output.WrittenSpan.ToArray();
    }

    public string ToJsonString() => Encoding.UTF8.GetString(ToUtf8());

    private sealed class NodeBody(JsonNode? value) : JsonBody
    {
        public override bool WriteNext(IBufferWriter<byte> output)
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

            return false;
        }
    }

    private sealed class RawBody(RawJson raw) : JsonBody
    {
        private int _written;

        public override bool WriteNext(IBufferWriter<byte> output)
        {
            var rest = raw.Span[_written..];
            var part = rest[..Math.Min(rest.Length, PartBytes)];
            output.Write(part);
            _written += part.Length;
            return _written < raw.Length;
        }

        public override void Dispose()
        {
            raw.Dispose();
            base.Dispose();
        }
    }
}
