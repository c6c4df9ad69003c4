using System.Buffers;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Luxi;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>
/// The <c>result</c> of a LUXI answer read while it arrives. luxid and the simulator both
/// start a successful answer with <c>{"success":true,"result":</c>; once that is seen, the
/// rest of the frame (without the envelope's closing brace) is the result, handed on chunk by
/// chunk. An answer that starts otherwise (a failure, or another layout) is read whole and
/// decoded as usual, so errors are still thrown before the caller sees any byte.
/// </summary>
internal sealed class LuxiResultStream : IJsonSource
{
    private static readonly byte[] SuccessPrefix = """{"success":true,"result":"""u8.ToArray();

    private readonly LuxiFrameReader _reader;
    private readonly Func<Exception, Exception> _translate;
    private readonly Func<bool, ValueTask> _release;
    private readonly CancellationTokenSource _timeout;
    private byte[] _pending = [];
    private int _pendingLength;
    private bool _pendingGiven;
    private bool _frameDone;
    private bool _released;
    private byte[] _held = new byte[8];
    private int _heldLength;
    private ReadOnlyMemory<byte> _stashed;
    private CancellationTokenSource? _linked;
    private CancellationToken _linkedFor;

    private LuxiResultStream(LuxiFrameReader reader, CancellationTokenSource timeout, Func<bool, ValueTask> release, Func<Exception, Exception> translate)
    {
        _reader = reader;
        _translate = translate;
        _timeout = timeout;
        _release = release;
    }

    /// <summary>
    /// Reads the head of the answer. Throws the decoded error of a failed answer (after
    /// releasing the connection, which stays usable), or a <see cref="LuxiFrameException"/>.
    /// </summary>
    public static async ValueTask<LuxiResultStream> StartAsync(
        string method, LuxiFrameReader reader, CancellationTokenSource timeout, Func<bool, ValueTask> release, Func<Exception, Exception> translate)
    {
        var stream = new LuxiResultStream(reader, timeout, release, translate);
        try
        {
            await stream.ReadHeadAsync(method).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken ct)
    {
        try
        {
            return await ReadChunkAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LuxiFrameException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Mid-answer failures take the application's types, as failures before the answer do.
            await ReleaseAsync(reusable: false).ConfigureAwait(false);
            throw _translate(ex);
        }
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadChunkAsync(CancellationToken ct)
    {
        if (!_pendingGiven)
        {
            _pendingGiven = true;
            if (_pendingLength > 0)
            {
                return _pending.AsMemory(0, _pendingLength);
            }
        }

        if (!_stashed.IsEmpty)
        {
            var stashed = _stashed;
            _stashed = ReadOnlyMemory<byte>.Empty;
            return stashed;
        }

        while (!_frameDone)
        {
            var (data, end) = await _reader.ReadChunkAsync(Linked(ct)).ConfigureAwait(false);
            _frameDone = end;
            var previous = _heldLength > 0 ? _held.AsSpan(0, _heldLength).ToArray() : null;
            _heldLength = 0;
            ReadOnlyMemory<byte> chunk;
            var trimmed = data.Span.TrimEnd(" \t\r\n"u8).Length;
            if (end)
            {
                // The data lies in the connection's read buffer, which the next call on the
                // connection fills again: it is copied before the connection goes back to the pool.
                data = data.ToArray();
                await ReleaseAsync(reusable: true).ConfigureAwait(false);
                if (trimmed > 0)
                {
                    chunk = data.Span[trimmed - 1] == (byte)'}' ? data[..(trimmed - 1)] : throw NoEnvelopeEnd();
                }
                else
                {
                    // The envelope's brace was the one held back.
                    chunk = previous is [(byte)'}', ..] ? ReadOnlyMemory<byte>.Empty : throw NoEnvelopeEnd();
                    previous = null;
                }
            }
            else
            {
                // A closing brace at the end of a chunk may be the envelope's: it waits for what follows.
                chunk = data;
                if (trimmed > 0 && data.Span[trimmed - 1] == (byte)'}')
                {
                    Hold(data.Span[(trimmed - 1)..]);
                    chunk = data[..(trimmed - 1)];
                }
            }

            if (previous is not null)
            {
                // What was held back turned out to be the result's: it goes first.
                _stashed = chunk;
                return previous;
            }

            if (!chunk.IsEmpty)
            {
                return chunk;
            }
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        _linked?.Dispose();
        await ReleaseAsync(reusable: false).ConfigureAwait(false);
        if (_pending.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_pending);
            _pending = [];
        }

        _timeout.Dispose();
    }

    private static LuxiFrameException NoEnvelopeEnd() => new("LUXI answer does not end with the envelope's brace");

    /// <summary>The caller's token and the read/write timeout together, made once per token (the host passes the same one each time).</summary>
    private CancellationToken Linked(CancellationToken ct)
    {
        if (_linked is null || _linkedFor != ct)
        {
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _timeout.Token);
            _linkedFor = ct;
        }

        return _linked.Token;
    }

    private void Hold(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _held.Length)
        {
            _held = new byte[bytes.Length];
        }

        bytes.CopyTo(_held);
        _heldLength = bytes.Length;
    }

    private async ValueTask ReadHeadAsync(string method)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var length = 0;
        try
        {
            // Enough of the frame to tell a streamed success from anything else.
            while (length < SuccessPrefix.Length && !_frameDone)
            {
                var (data, end) = await _reader.ReadChunkAsync(_timeout.Token).ConfigureAwait(false);
                _frameDone = end;
                Append(ref buffer, ref length, data.Span);
            }

            if (!_frameDone && buffer.AsSpan(0, SuccessPrefix.Length).SequenceEqual(SuccessPrefix))
            {
                // The rest of what arrived is the start of the result; a final '}' may be the
                // envelope's, so it is held back until more follows.
                var rest = buffer.AsSpan(SuccessPrefix.Length, length - SuccessPrefix.Length);
                _pending = ArrayPool<byte>.Shared.Rent(Math.Max(rest.Length, 1));
                rest.CopyTo(_pending);
                _pendingLength = rest.Length;
                HoldLastBrace();
                return;
            }

            // Not a streamed success: read the whole frame and decode it as usual.
            while (!_frameDone)
            {
                var (data, end) = await _reader.ReadChunkAsync(_timeout.Token).ConfigureAwait(false);
                _frameDone = end;
                Append(ref buffer, ref length, data.Span);
            }

            await ReleaseAsync(reusable: true).ConfigureAwait(false);
            var (success, start, resultLength) = LuxiMessages.DecodeResponseRaw(buffer.AsSpan(0, length));
            if (!success)
            {
                throw LuxiErrors.Decode(method, buffer.AsSpan(start, resultLength));
            }

            _pending = ArrayPool<byte>.Shared.Rent(Math.Max(resultLength, 1));
            buffer.AsSpan(start, resultLength).CopyTo(_pending);
            _pendingLength = resultLength;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Holds the end of the pending start back if it is a closing brace (it may be the envelope's).</summary>
    private void HoldLastBrace()
    {
        var trimmed = _pending.AsSpan(0, _pendingLength).TrimEnd(" \t\r\n"u8);
        if (trimmed.Length > 0 && trimmed[^1] == (byte)'}')
        {
            Hold(_pending.AsSpan(trimmed.Length - 1, _pendingLength - trimmed.Length + 1));
            _pendingLength = trimmed.Length - 1;
        }
    }

    private static void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> data)
    {
        if (length + data.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + data.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        data.CopyTo(buffer.AsSpan(length));
        length += data.Length;
    }

    private async ValueTask ReleaseAsync(bool reusable)
    {
        if (!_released)
        {
            _released = true;
            await _release(reusable && _frameDone).ConfigureAwait(false);
        }
    }
}
