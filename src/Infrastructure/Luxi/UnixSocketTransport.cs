using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>LUXI over a local Unix stream socket.</summary>
public sealed class UnixSocketTransport(IOptions<LuxiOptions> options) : ILuxiTransport
{
    public string Endpoint => options.Value.SocketPath;

    /// <summary>
    /// An idle connection is usable when nothing can be read from it: readable means the master
    /// closed it, or sent bytes no call asked for, which would be taken for the next answer.
    /// </summary>
    public bool IsAlive(Stream stream) =>
        stream is NetworkStream { Socket: { Connected: true } socket } && !socket.Poll(0, SelectMode.SelectRead);

    public async ValueTask<Stream> ConnectAsync(CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Endpoint), ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            var reason = ex.SocketErrorCode switch
            {
                SocketError.AccessDenied => "no permission to connect to the master daemon",
                SocketError.AddressNotAvailable => "socket does not exist",
                _ => ex.Message,
            };
            throw new LuxiConnectException($"Can't connect to master daemon at {Endpoint}: {reason}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
