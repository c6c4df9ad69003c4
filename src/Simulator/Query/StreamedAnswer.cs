namespace Ganeti.Simulator.Query;

/// <summary>
/// A query answer sent while it is being written: the head, then the parts of rows in order as
/// each is finished (other threads write them), then the tail. The LUXI server writes it to the
/// socket; callers that need it whole use <see cref="Join"/>.
/// </summary>
public sealed class StreamedAnswer
{
    private static readonly byte[] Comma = ","u8.ToArray();

    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly TaskCompletionSource<Utf8Chunks>[] _parts;
    private int _taken;

    public StreamedAnswer(byte[] head, int parts, byte[] tail)
    {
        _head = head;
        _tail = tail;
        _parts = new TaskCompletionSource<Utf8Chunks>[parts];
        for (var i = 0; i < parts; i++)
        {
            _parts[i] = new TaskCompletionSource<Utf8Chunks>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Part <paramref name="part"/> is written (rows separated by commas, none before the first).</summary>
    public void Complete(int part, Utf8Chunks rows)
    {
        if (!_parts[part].TrySetResult(rows))
        {
            rows.Dispose();
        }
    }

    /// <summary>Writing failed: the parts not yet written fail with <paramref name="error"/>.</summary>
    public void Fail(Exception error)
    {
        foreach (var part in _parts)
        {
            part.TrySetException(error);
        }
    }

    /// <summary>Writes the answer to <paramref name="stream"/> as its parts are finished.</summary>
    public async ValueTask WriteToAsync(Stream stream, CancellationToken ct)
    {
        await stream.WriteAsync(_head, ct).ConfigureAwait(false);
        var any = false;
        for (var i = 0; i < _parts.Length; i++)
        {
            var rows = await _parts[i].Task.WaitAsync(ct).ConfigureAwait(false);
            _taken = i + 1;
            try
            {
                if (rows.Length == 0)
                {
                    continue;
                }

                if (any)
                {
                    await stream.WriteAsync(Comma, ct).ConfigureAwait(false);
                }

                any = true;
                await rows.WriteToAsync(stream, ct).ConfigureAwait(false);
            }
            finally
            {
                rows.Dispose();
            }
        }

        await stream.WriteAsync(_tail, ct).ConfigureAwait(false);
    }

    /// <summary>The whole answer, once every part is written (blocks until then).</summary>
    public Utf8Chunks Join()
    {
        using var writer = new QueryJsonWriter();
        writer.AppendRaw(_head, valueFollows: false);
        for (var i = 0; i < _parts.Length; i++)
        {
            var rows = _parts[i].Task.GetAwaiter().GetResult();
            _taken = i + 1;
            writer.AppendValues(rows);
        }

        writer.AppendRaw(_tail, valueFollows: true);
        return writer.Detach();
    }

    /// <summary>Gives back the chunks of parts nobody took, now or once they are written.</summary>
    public void Release()
    {
        for (var i = _taken; i < _parts.Length; i++)
        {
            _parts[i].Task.ContinueWith(
                static t => t.Result.Dispose(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        _taken = _parts.Length;
    }
}
