namespace Ganeti.Infrastructure.Luxi;

/// <summary>Opens a byte stream to a LUXI server (a local Unix socket, or a tunnel).</summary>
public interface ILuxiTransport
{
    /// <summary>A human-readable name of the endpoint, for messages.</summary>
    string Endpoint { get; }

    /// <summary>Connects; throws <see cref="LuxiConnectException"/> when the server cannot be reached.</summary>
    ValueTask<Stream> ConnectAsync(CancellationToken ct);

    /// <summary>Whether an idle connection still looks usable (the peer has not closed it).</summary>
    bool IsAlive(Stream stream);
}
