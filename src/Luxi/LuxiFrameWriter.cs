using System.Buffers;

namespace Ganeti.Luxi;

public static class LuxiFrameWriter
{
    /// <summary>Writes one message and its 0x03 terminator in a single write.</summary>
    public static async ValueTask WriteFrameAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        if (message.Span.IndexOf(LuxiFrameReader.EndOfMessage) >= 0)
        {
            throw new LuxiFrameException("A LUXI message must not contain the byte 0x03");
        }

        var frame = ArrayPool<byte>.Shared.Rent(message.Length + 1);
        try
        {
            message.CopyTo(frame);
            frame[message.Length] = LuxiFrameReader.EndOfMessage;
            await stream.WriteAsync(frame.AsMemory(0, message.Length + 1), ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
