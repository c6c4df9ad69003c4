using System.Buffers;

namespace Ganeti.Luxi;

/// <summary>
/// Reads LUXI frames (a message followed by the byte 0x03) from a stream. Handles frames
/// split across reads and several frames in one read; refuses frames over a size limit.
/// A frame is returned in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the reader
/// itself keeps only a small buffer, so an idle connection holds no large answer.
/// </summary>
public sealed class LuxiFrameReader(Stream stream, int maxFrameBytes)
{
    public const byte EndOfMessage = 0x03;

    private const int SmallBytes = 64 * 1024;

    private byte[] _buffer = new byte[Math.Min(maxFrameBytes + 1, SmallBytes)];
    private int _start;
    private int _end;

    /// <summary>
    /// The next frame without its terminator, or null when the peer closed the stream
    /// cleanly between frames.
    /// </summary>
    public async ValueTask<byte[]?> ReadFrameAsync(CancellationToken ct)
    {
        using var frame = await ReadPooledFrameAsync(ct).ConfigureAwait(false);
        return frame?.Span.ToArray();
    }

    /// <summary>
    /// The next frame in a rented buffer (dispose it to return the buffer), or null when the
    /// peer closed the stream cleanly between frames.
    /// </summary>
    public async ValueTask<LuxiFrame?> ReadPooledFrameAsync(CancellationToken ct)
    {
        var index = Array.IndexOf(_buffer, EndOfMessage, _start, _end - _start);
        if (index >= 0)
        {
            return TakeFromBuffer(index);
        }

        if (_end == _start)
        {
            _start = _end = 0;
            var read = await stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _end = read;
            index = Array.IndexOf(_buffer, EndOfMessage, 0, _end);
            if (index >= 0)
            {
                return TakeFromBuffer(index);
            }
        }

        // The frame is larger than what has arrived: gather it in a rented buffer that grows.
        var length = _end - _start;
        var frame = ArrayPool<byte>.Shared.Rent(Math.Max(length * 2, SmallBytes * 4));
        _buffer.AsSpan(_start, length).CopyTo(frame);
        _start = _end = 0;
        try
        {
            while (true)
            {
                if (length > maxFrameBytes)
                {
                    throw new LuxiFrameException($"LUXI message exceeds the limit of {maxFrameBytes} bytes");
                }

                if (length == frame.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)frame.Length * 2, Array.MaxLength));
                    frame.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(frame);
                    frame = larger;
                }

                var read = await stream.ReadAsync(frame.AsMemory(length), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new LuxiFrameException($"Connection closed in the middle of a message ({length} bytes without terminator)");
                }

                index = Array.IndexOf(frame, EndOfMessage, length, read);
                length += read;
                if (index >= 0)
                {
                    if (index > maxFrameBytes)
                    {
                        throw new LuxiFrameException($"LUXI message exceeds the limit of {maxFrameBytes} bytes");
                    }

                    // Bytes after the terminator start the next frame.
                    var rest = frame.AsSpan(index + 1, length - index - 1);
                    if (rest.Length > _buffer.Length)
                    {
                        _buffer = new byte[rest.Length];
                    }

                    rest.CopyTo(_buffer);
                    _end = rest.Length;
                    var result = new LuxiFrame(frame, index);
                    frame = null!;
                    return result;
                }
            }
        }
        finally
        {
            if (frame is not null)
            {
                ArrayPool<byte>.Shared.Return(frame);
            }
        }
    }

    /// <summary>
    /// The next bytes of the current frame as they arrive, for answers read while they come
    /// in: the data (valid until the next call) and whether the frame's terminator followed
    /// it. Throws <see cref="LuxiFrameException"/> if the peer closes in the middle of a frame.
    /// </summary>
    public async ValueTask<(ReadOnlyMemory<byte> Data, bool EndOfFrame)> ReadChunkAsync(CancellationToken ct)
    {
        if (_start == _end)
        {
            _start = _end = 0;
            var read = await stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new LuxiFrameException("Connection closed in the middle of a message");
            }

            _end = read;
        }

        var index = Array.IndexOf(_buffer, EndOfMessage, _start, _end - _start);
        var end = index >= 0 ? index : _end;
        var data = _buffer.AsMemory(_start, end - _start);
        _start = index >= 0 ? index + 1 : _end;
        return (data, index >= 0);
    }

    private LuxiFrame TakeFromBuffer(int index)
    {
        var length = index - _start;
        var frame = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        _buffer.AsSpan(_start, length).CopyTo(frame);
        _start = index + 1;
        if (_start == _end)
        {
            _start = _end = 0;
            if (_buffer.Length > SmallBytes && maxFrameBytes >= SmallBytes)
            {
                _buffer = new byte[SmallBytes];
            }
        }

        return new LuxiFrame(frame, length);
    }
}

/// <summary>One LUXI message in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; dispose it, or take the buffer with <see cref="Detach"/>.</summary>
public sealed class LuxiFrame(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public int Length { get; } = length;

    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(LuxiFrame))).AsSpan(0, Length);

    /// <summary>Hands the rented buffer over to the caller, who must return it to the pool.</summary>
    public byte[] Detach() => Interlocked.Exchange(ref _buffer, null) ?? throw new ObjectDisposedException(nameof(LuxiFrame));

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
