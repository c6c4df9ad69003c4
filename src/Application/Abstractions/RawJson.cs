using System.Buffers;

namespace Ganeti.Application.Abstractions;

/// <summary>
/// A JSON value exactly as the master sent it, as UTF-8 bytes, possibly in a buffer rented
/// from <see cref="ArrayPool{T}.Shared"/>; disposing returns the buffer. Large answers are
/// read and rewritten from these bytes instead of being parsed into a document.
/// </summary>
public sealed class RawJson : IDisposable
{
    private byte[]? _buffer;
    private readonly bool _pooled;
    private readonly int _start;
    private readonly int _length;

    public RawJson(byte[] buffer, int start, int length, bool pooled)
    {
        _buffer = buffer;
        _start = start;
        _length = length;
        _pooled = pooled;
    }

    /// <summary>The value's bytes; valid until disposed.</summary>
    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(RawJson))).AsSpan(_start, _length);

    public int Length => _length;

    public static RawJson Of(ReadOnlySpan<byte> utf8) => new(utf8.ToArray(), 0, utf8.Length, pooled: false);

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
