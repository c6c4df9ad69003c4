namespace Ganeti.Application.Abstractions;

/// <summary>
/// A JSON value from the master read while it arrives: its bytes, exactly as sent, chunk by
/// chunk. Large answers are rewritten and sent on as they come in instead of being held whole.
/// </summary>
public interface IJsonSource : IAsyncDisposable
{
    /// <summary>The next bytes of the value (valid until the next call); empty once the value is complete.</summary>
    ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken ct);
}
