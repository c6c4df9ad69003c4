using System.Buffers;

namespace Ganeti.Simulator.Query;

/// <summary>
/// UTF-8 text held in pooled chunks (a large query answer), written out piece by piece so that
/// no answer-sized array is ever allocated. <see cref="Dispose"/> gives the chunks back to the
/// pool; the text must not be used afterwards.
/// </summary>
public sealed class Utf8Chunks : IDisposable
{
    /// <summary>The usual chunk size: large enough for few writes, small enough to pool.</summary>
    public const int ChunkSize = 256 * 1024;

    /// <summary>At most this many idle chunks are kept (32 MiB); more are left to the GC.</summary>
    private const int MaxPooled = 128;

    private static readonly Stack<byte[]> Pool = new();

    private Segment[] _segments;

    public Utf8Chunks(Segment[] segments)
    {
        _segments = segments;
        foreach (var segment in segments)
        {
            Length += segment.Length;
        }
    }

    public int Length { get; private set; }

    public static byte[] Rent(int size)
    {
        if (size == ChunkSize)
        {
            lock (Pool)
            {
                if (Pool.TryPop(out var chunk))
                {
                    return chunk;
                }
            }

            return GC.AllocateUninitializedArray<byte>(ChunkSize);
        }

        return ArrayPool<byte>.Shared.Rent(size);
    }

    public static void Return(byte[] chunk)
    {
        if (chunk.Length == ChunkSize)
        {
            lock (Pool)
            {
                if (Pool.Count < MaxPooled)
                {
                    Pool.Push(chunk);
                }
            }
        }
        else if (chunk.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public bool Contains(byte value)
    {
        foreach (var segment in _segments)
        {
            if (segment.Span.Contains(value))
            {
                return true;
            }
        }

        return false;
    }

    public byte[] ToArray()
    {
        var result = GC.AllocateUninitializedArray<byte>(Length);
        var offset = 0;
        foreach (var segment in _segments)
        {
            segment.Span.CopyTo(result.AsSpan(offset));
            offset += segment.Length;
        }

        return result;
    }

    public async ValueTask WriteToAsync(Stream stream, CancellationToken ct)
    {
        foreach (var segment in _segments)
        {
            await stream.WriteAsync(segment.Buffer.AsMemory(0, segment.Length), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Hands the chunks over to the caller, who must return them to the pool; this text is empty afterwards.</summary>
    public Segment[] Release()
    {
        var segments = _segments;
        _segments = [];
        Length = 0;
        return segments;
    }

    public void Dispose()
    {
        var segments = _segments;
        _segments = [];
        Length = 0;
        foreach (var segment in segments)
        {
            Return(segment.Buffer);
        }
    }

    public readonly record struct Segment(byte[] Buffer, int Length)
    {
        public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);
    }
}
