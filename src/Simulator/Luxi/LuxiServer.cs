using System.Net.Sockets;
using System.Text.Json.Nodes;
using Ganeti.Luxi;
using Ganeti.Simulator.Query;
using Microsoft.Extensions.Logging;

namespace Ganeti.Simulator.Luxi;

/// <summary>
/// A LUXI server on a Unix socket: one task per connection, requests served in order until
/// the client closes; after a request that cannot be parsed the connection is closed, as
/// luxid does.
/// </summary>
public sealed partial class LuxiServer(string socketPath, LuxiDispatcher dispatcher, ILogger logger, int maxFrameBytes = 64 * 1024 * 1024) : IAsyncDisposable
{
    private static readonly byte[] SuccessPrefix = "{\"success\":true,\"result\":"u8.ToArray();
    private static readonly byte[] SuccessSuffix = [(byte)'}', LuxiFrameReader.EndOfMessage];

    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    public string SocketPath => socketPath;

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(socketPath))!);
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath);
        }

        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(128);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        if (File.Exists(socketPath))
        {
            File.Delete(socketPath);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await using var stream = new NetworkStream(client, ownsSocket: true);
        var reader = new LuxiFrameReader(stream, maxFrameBytes);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var frame = await reader.ReadFrameAsync(_stop.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    return;
                }

                var request = LuxiMessages.DecodeRequest(frame, out var parseError);
                byte[] answer;
                var close = false;
                RawJson? raw = null;
                if (request is null)
                {
                    answer = LuxiMessages.EncodeResponse(false, parseError);
                    close = true;
                }
                else
                {
                    // A wait for a job change may last long: if the client hangs up meanwhile, the
                    // wait ends at once (and the connection with it) instead of at its timeout.
                    using var call = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    using var watching = new CancellationTokenSource();
                    var watch = request.Method == LuxiMethods.WaitForJobChange ? CancelOnHangUpAsync(client, call, watching.Token) : Task.CompletedTask;
                    try
                    {
                        var result = await dispatcher.DispatchAsync(request, call.Token).ConfigureAwait(false);
                        if (result is JsonValue value && value.TryGetValue(out raw))
                        {
                            answer = [];
                        }
                        else
                        {
                            answer = LuxiMessages.EncodeResponse(true, result);
                        }
                    }
                    catch (SimError error)
                    {
                        answer = LuxiMessages.EncodeResponse(false, error.Encode());
                    }
                    catch (RequestParseError error)
                    {
                        answer = LuxiMessages.EncodeResponse(false, JsonValue.Create("Failed to parse request: " + error.Message));
                        close = true;
                    }
                    finally
                    {
                        await watching.CancelAsync().ConfigureAwait(false);
                        await watch.ConfigureAwait(false);
                    }
                }

                if (raw is not null)
                {
                    await WriteRawAnswerAsync(stream, raw, _stop.Token).ConfigureAwait(false);
                    continue;
                }

                await LuxiFrameWriter.WriteFrameAsync(stream, answer, _stop.Token).ConfigureAwait(false);
                if (close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or LuxiFrameException or ObjectDisposedException)
        {
            LogConnectionEnded(logger, ex.Message);
        }
    }

    /// <summary>
    /// Cancels <paramref name="call"/> when the client closes its end. A zero-byte receive
    /// completes when there is something to read without taking it: nothing to read then means
    /// the peer is gone; bytes mean the client sent its next request, which is left for the reader.
    /// </summary>
    private static async Task CancelOnHangUpAsync(Socket client, CancellationTokenSource call, CancellationToken stopWatching)
    {
        try
        {
            await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, stopWatching).ConfigureAwait(false);
            if (client.Available == 0)
            {
                await call.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            if (ex is SocketException)
            {
                await call.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes a successful answer whose result is already UTF-8 JSON (a query answer) straight
    /// to the socket: the same bytes <see cref="LuxiMessages.EncodeResponse"/> would produce,
    /// without copying the result into an envelope and a frame first.
    /// </summary>
    private static async ValueTask WriteRawAnswerAsync(Stream stream, RawJson raw, CancellationToken ct)
    {
        try
        {
            if (raw.Streamed is { } streamed)
            {
                // Sent while other threads write it. Its text comes from QueryJsonWriter, which
                // escapes every control character, so no part is scanned for 0x03 again.
                await stream.WriteAsync(SuccessPrefix, ct).ConfigureAwait(false);
                await streamed.WriteToAsync(stream, ct).ConfigureAwait(false);
                await stream.WriteAsync(SuccessSuffix, ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
                return;
            }

            if (raw.Chunks is { } chunks ? chunks.Contains(LuxiFrameReader.EndOfMessage) : raw.Utf8.Span.Contains(LuxiFrameReader.EndOfMessage))
            {
                throw new LuxiFrameException("A LUXI message must not contain the byte 0x03");
            }

            await stream.WriteAsync(SuccessPrefix, ct).ConfigureAwait(false);
            if (raw.Chunks is { } pieces)
            {
                await pieces.WriteToAsync(stream, ct).ConfigureAwait(false);
            }
            else
            {
                await stream.WriteAsync(raw.Utf8, ct).ConfigureAwait(false);
            }

            await stream.WriteAsync(SuccessSuffix, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            raw.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "LUXI connection ended: {Reason}")]
    private static partial void LogConnectionEnded(ILogger logger, string reason);
}
