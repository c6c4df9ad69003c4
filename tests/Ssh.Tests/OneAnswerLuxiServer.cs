using System.Net.Sockets;
using System.Text;

namespace Ganeti.Ssh.Tests;

/// <summary>
/// A LUXI peer on a Unix socket that answers the first request of each connection and closes
/// the connection when a second request arrives on it, like a master that dropped a
/// connection just as the client reused it.
/// </summary>
public sealed class OneAnswerLuxiServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;
    private int _requests;

    public OneAnswerLuxiServer(string socketPath)
    {
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(16);
        _loop = Task.Run(LoopAsync);
    }

    public int Connections => Volatile.Read(ref _connections);

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
        _stop.Dispose();
    }

    private static async Task<bool> ReadRequestAsync(NetworkStream stream)
    {
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == 0x03)
            {
                return true;
            }
        }

        return false;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _connections);
            _ = Task.Run(async () =>
            {
                await using var stream = new NetworkStream(client, ownsSocket: true);
                try
                {
                    if (await ReadRequestAsync(stream))
                    {
                        Interlocked.Increment(ref _requests);
                        await stream.WriteAsync(Encoding.UTF8.GetBytes($$"""{"success":true,"result":"answer on connection {{number}}"}""" + "\u0003"));
                    }

                    if (await ReadRequestAsync(stream))
                    {
                        Interlocked.Increment(ref _requests);
                    }
                }
                catch (IOException)
                {
                }
            });
        }
    }
}
