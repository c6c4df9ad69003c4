namespace Ganeti.Luxi;

/// <summary>
/// Reads LUXI frames (a message followed by the byte 0x03) from a stream. Handles frames
/// split across reads and several frames in one read; refuses frames over a size limit.
/// </summary>
public sealed class LuxiFrameReader(Stream stream, int maxFrameBytes)
{
    public const byte EndOfMessage = 0x03;

    private byte[] _buffer = new byte[Math.Min(maxFrameBytes + 1, 16 * 1024)];
    private int _start;
    private int _end;

    /// <summary>
    /// The next frame without its terminator, or null when the peer closed the stream
    /// cleanly between frames.
    /// </summary>
    public async ValueTask<byte[]?> ReadFrameAsync(CancellationToken ct)
    {
        var scanFrom = _start;
        while (true)
        {
            var index = Array.IndexOf(_buffer, EndOfMessage, scanFrom, _end - scanFrom);
            if (index >= 0)
            {
                var frame = _buffer.AsSpan(_start, index - _start).ToArray();
                _start = index + 1;
                if (_start == _end)
                {
                    _start = _end = 0;
                }

                return frame;
            }

            if (_end - _start > maxFrameBytes)
            {
                throw new LuxiFrameException($"LUXI message exceeds the limit of {maxFrameBytes} bytes");
            }

            scanFrom = _end;
            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
            {
                if (_end == _start)
                {
                    return null;
                }

                throw new LuxiFrameException($"Connection closed in the middle of a message ({_end - _start} bytes without terminator)");
            }

            _end += read;
        }
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxFrameBytes + 1));
            if (_end == _buffer.Length)
            {
                throw new LuxiFrameException($"LUXI message exceeds the limit of {maxFrameBytes} bytes");
            }
        }
    }
}
