namespace Ganeti.Infrastructure.Luxi;

/// <summary>Opens a byte stream to a LUXI server (a local Unix socket, or a tunnel).</summary>
public interface ILuxiTransport
{
    /// <summary>A human-readable name of the endpoint, for messages.</summary>
    string Endpoint { get; }

    /// <summary>
    /// Connects; throws <see cref="LuxiConnectException"/> when the server cannot be reached.
    /// The stream may throw <see cref="LuxiConnectException"/> from a read or write only when
    /// the request provably did not reach the master (the caller may then retry); any other
    /// failure after a write means the request may have been delivered.
    /// </summary>
    ValueTask<Stream> ConnectAsync(CancellationToken ct);

    /// <summary>Whether an idle connection still looks usable (the peer has not closed it).</summary>
    bool IsAlive(Stream stream);
}
