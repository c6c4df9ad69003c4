using System.Net.Sockets;

namespace Ganeti.Infrastructure.Tests;

/// <summary>A scripted LUXI peer on a temporary Unix socket: each accepted connection runs the script.</summary>
public sealed class FakeLuxiServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<NetworkStream, Task> _script;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public FakeLuxiServer(Func<NetworkStream, Task> script)
    {
        SocketPath = Path.Combine(Path.GetTempPath(), "luxi-" + Guid.NewGuid().ToString("N")[..12] + ".sock");
        _script = script;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(8);
        _loop = Task.Run(LoopAsync);
    }

    public string SocketPath { get; }

    public List<byte[]> Requests { get; } = [];

    /// <summary>
    /// Reads one frame up to and including 0x03 and returns it without the terminator (what
    /// was read if the stream ended first); null when the stream ended before any byte.
    /// </summary>
    public static async Task<byte[]?> ReadFrameAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        int read;
        while ((read = await stream.ReadAsync(one)) == 1 && one[0] != 0x03)
        {
            bytes.Add(one[0]);
        }

        return read == 0 && bytes.Count == 0 ? null : [.. bytes];
    }

    /// <summary>Reads one request up to and including 0x03, records it without the terminator.</summary>
    public async Task<byte[]> ReadRequestAsync(NetworkStream stream)
    {
        var request = await ReadFrameAsync(stream) ?? [];
        lock (Requests)
        {
            Requests.Add(request);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        File.Delete(SocketPath);
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

            _ = Task.Run(async () =>
            {
                await using var stream = new NetworkStream(client, ownsSocket: true);
                try
                {
                    await _script(stream);
                }
                catch (IOException)
                {
                }
            });
        }
    }
}
