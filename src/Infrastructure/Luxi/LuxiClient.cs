using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Luxi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>
/// Makes LUXI calls: one request frame, one answer frame. A failed connect is retried, and so
/// is a call whose transport reports (with <see cref="LuxiConnectException"/>) that the request
/// never reached the master; otherwise, once request bytes may have reached the master, the
/// call is never repeated (SubmitJob is not idempotent). Timeouts (connect, read/write) are
/// reported as timeouts; the caller's cancellation as <see cref="OperationCanceledException"/>.
/// Read-only calls may reuse idle connections when <see cref="LuxiOptions.PoolSize"/> is above
/// zero; if the master closed a reused connection before it answered, such a call is asked
/// once more on a fresh connection (reads are idempotent). Every call is measured
/// (<see cref="LuxiMetrics"/>), retries included.
/// </summary>
public sealed class LuxiClient(ILuxiTransport transport, IOptions<LuxiOptions> options, ILogger<LuxiClient> logger, LuxiMetrics? metrics = null) : IAsyncDisposable
{
    private static readonly HashSet<string> ReadOnlyMethods =
    [
        LuxiMethods.Query, LuxiMethods.QueryFields, LuxiMethods.QueryJobs, LuxiMethods.QueryInstances, LuxiMethods.QueryNodes,
        LuxiMethods.QueryGroups, LuxiMethods.QueryNetworks, LuxiMethods.QueryExports, LuxiMethods.QueryConfigValues,
        LuxiMethods.QueryClusterInfo, LuxiMethods.QueryTags, LuxiMethods.QueryFilters,
    ];

    private readonly ConcurrentBag<Connection> _idle = [];

    /// <summary>The instruments calls are recorded on; the ports record what they submit there too.</summary>
    public LuxiMetrics Metrics { get; } = metrics ?? LuxiMetrics.Unobserved;

    public ValueTask<JsonNode?> CallAsync(string method, JsonArray args, CancellationToken ct) =>
        CallAsync(method, args, DecodeNode, ct);

    /// <summary>
    /// The same call, answering the <c>result</c> exactly as the master sent it, in a rented
    /// buffer (dispose the answer): large answers are not parsed into a document.
    /// </summary>
    public ValueTask<RawJson> CallRawAsync(string method, JsonArray args, CancellationToken ct) =>
        CallAsync(method, args, DecodeRaw, ct);

    /// <summary>
    /// The same call for large answers, whose <c>result</c> is handed on while it arrives
    /// (<see cref="LuxiResultStream"/>): a failure is still thrown here, before any byte of
    /// the result is read. Only read-only methods may stream. Dispose the answer; the
    /// connection goes back to the pool once the answer was read to its end.
    /// </summary>
    public async ValueTask<IJsonSource> CallStreamingAsync(string method, JsonArray args, CancellationToken ct)
    {
        if (!ReadOnlyMethods.Contains(method))
        {
            throw new ArgumentException($"{method} is not a read-only LUXI method", nameof(method));
        }

        var settings = options.Value;
        var request = LuxiMessages.EncodeRequest(method, args, settings.Version);
        var reusable = settings.PoolSize > 0;
        return await WithConnectRetriesAsync(
            method,
            async () =>
            {
                if (reusable && TakeIdle() is { } idle)
                {
                    try
                    {
                        return await StreamOnAsync(idle, reused: true, method, request, settings, ct).ConfigureAwait(false);
                    }
                    catch (StaleConnectionException ex)
                    {
                        LuxiLog.StaleConnection(logger, transport.Endpoint, method, ex.InnerException?.Message ?? ex.Message);
                    }
                }

                var connection = await ConnectAsync(method, settings, ct).ConfigureAwait(false);
                return await StreamOnAsync(connection, reused: false, method, request, settings, ct).ConfigureAwait(false);
            },
            settings,
            ct).ConfigureAwait(false);
    }

    private async ValueTask<IJsonSource> StreamOnAsync(Connection connection, bool reused, string method, byte[] request, LuxiOptions settings, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.ReadWriteTimeout);
        var released = false;
        async ValueTask Release(bool reusable)
        {
            if (released)
            {
                return;
            }

            released = true;
            if (reusable && _idle.Count < settings.PoolSize)
            {
                _idle.Add(connection);
            }
            else
            {
                await connection.Stream.DisposeAsync().ConfigureAwait(false);
            }
        }

        try
        {
            await LuxiFrameWriter.WriteFrameAsync(connection.Stream, request, timeout.Token).ConfigureAwait(false);
            Exception Translate(Exception ex) => ex is OperationCanceledException
                ? LuxiErrors.Timeout(transport.Endpoint, method, "read/write", settings.ReadWriteTimeout)
                : LuxiErrors.Broken(transport.Endpoint, method, ex);
            var answer = await LuxiResultStream.StartAsync(method, connection.Reader, timeout, Release, Translate).ConfigureAwait(false);
            LuxiLog.Called(logger, method, transport.Endpoint, Stopwatch.GetElapsedTime(started).TotalMilliseconds, true);
            return answer;
        }
        catch (GanetiException) when (LogFailed(method, started))
        {
            throw;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            timeout.Dispose();
            await Release(false).ConfigureAwait(false);
            throw LuxiErrors.Timeout(transport.Endpoint, method, "read/write", settings.ReadWriteTimeout);
        }
        catch (Exception ex) when (ex is LuxiFrameException or IOException)
        {
            timeout.Dispose();
            await Release(false).ConfigureAwait(false);
            if (reused && ex is IOException or LuxiFrameException { Message: "Connection closed in the middle of a message" })
            {
                throw new StaleConnectionException(ex);
            }

            throw LuxiErrors.Broken(transport.Endpoint, method, ex);
        }
        catch
        {
            timeout.Dispose();
            await Release(false).ConfigureAwait(false);
            throw;
        }
    }

    private static JsonNode? DecodeNode(string method, LuxiFrame frame)
    {
        using (frame)
        {
            var response = LuxiMessages.DecodeResponse(frame.Span);
            return response.Success ? response.Result : throw LuxiErrors.Decode(method, response.Result);
        }
    }

    private static RawJson DecodeRaw(string method, LuxiFrame frame)
    {
        var (success, start, length) = DecodeResponseRawOrDispose(frame);
        if (!success)
        {
            using (frame)
            {
                throw LuxiErrors.Decode(method, frame.Span.Slice(start, length));
            }
        }

        return new RawJson(frame.Detach(), start, length, pooled: true);
    }

    private static (bool, int, int) DecodeResponseRawOrDispose(LuxiFrame frame)
    {
        try
        {
            return LuxiMessages.DecodeResponseRaw(frame.Span);
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    private ValueTask<T> CallAsync<T>(string method, JsonArray args, Func<string, LuxiFrame, T> decode, CancellationToken ct)
    {
        var settings = options.Value;
        var request = LuxiMessages.EncodeRequest(method, args, settings.Version);
        var reusable = settings.PoolSize > 0 && ReadOnlyMethods.Contains(method);
        return WithConnectRetriesAsync(method, () => CallOnceAsync(method, request, reusable, settings, decode, ct), settings, ct);
    }

    /// <summary>
    /// Runs one attempt of a call, again after a pause when it could not connect (or the
    /// transport knows the request never reached the master), up to the configured attempts;
    /// records the call, all its attempts together.
    /// </summary>
    private async ValueTask<T> WithConnectRetriesAsync<T>(string method, Func<ValueTask<T>> attemptOnce, LuxiOptions settings, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await WithConnectRetriesAsync(attemptOnce, settings, ct).ConfigureAwait(false);
            Metrics.Called(method, Stopwatch.GetElapsedTime(started), null);
            return answer;
        }
        catch (Exception ex)
        {
            Metrics.Called(method, Stopwatch.GetElapsedTime(started), ex);
            throw;
        }
    }

    private async ValueTask<T> WithConnectRetriesAsync<T>(Func<ValueTask<T>> attemptOnce, LuxiOptions settings, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            LuxiConnectException failure;
            try
            {
                return await attemptOnce().ConfigureAwait(false);
            }
            catch (LuxiConnectException ex)
            {
                failure = ex;
            }

            LuxiLog.ConnectFailed(logger, transport.Endpoint, attempt, settings.ConnectAttempts, failure.Message);
            if (attempt >= settings.ConnectAttempts)
            {
                throw LuxiErrors.Unreachable(failure);
            }

            await Task.Delay(settings.ConnectRetryDelay, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var connection))
        {
            await connection.Stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Connection? TakeIdle()
    {
        while (_idle.TryTake(out var connection))
        {
            if (transport.IsAlive(connection.Stream))
            {
                return connection;
            }

            connection.Stream.Dispose();
        }

        return null;
    }

    private async ValueTask<T> CallOnceAsync<T>(string method, byte[] request, bool reusable, LuxiOptions settings, Func<string, LuxiFrame, T> decode, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (reusable && TakeIdle() is { } idle)
        {
            try
            {
                return await ExchangeAsync(idle, reused: true, reusable, method, request, settings, started, decode, ct).ConfigureAwait(false);
            }
            catch (StaleConnectionException ex)
            {
                // The master closed the idle connection just as it was reused. The call only
                // reads, so asking again on a fresh connection is harmless.
                LuxiLog.StaleConnection(logger, transport.Endpoint, method, ex.InnerException?.Message ?? ex.Message);
            }
        }

        var connection = await ConnectAsync(method, settings, ct).ConfigureAwait(false);
        return await ExchangeAsync(connection, reused: false, reusable, method, request, settings, started, decode, ct).ConfigureAwait(false);
    }

    private async ValueTask<T> ExchangeAsync<T>(Connection connection, bool reused, bool reusable, string method, byte[] request, LuxiOptions settings, long started, Func<string, LuxiFrame, T> decode, CancellationToken ct)
    {
        var keep = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.ReadWriteTimeout);
            LuxiFrame? frame;
            try
            {
                await LuxiFrameWriter.WriteFrameAsync(connection.Stream, request, timeout.Token).ConfigureAwait(false);
                frame = await connection.Reader.ReadPooledFrameAsync(timeout.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    throw reused ? new StaleConnectionException(null) : new LuxiFrameException("Connection closed before an answer arrived");
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw LuxiErrors.Timeout(transport.Endpoint, method, "read/write", settings.ReadWriteTimeout);
            }
            catch (IOException ex) when (reused)
            {
                throw new StaleConnectionException(ex);
            }
            catch (Exception ex) when (ex is LuxiFrameException or IOException)
            {
                throw LuxiErrors.Broken(transport.Endpoint, method, ex);
            }

            // luxid keeps a connection open after an answered request, failed or not.
            keep = reusable && _idle.Count < settings.PoolSize;
            try
            {
                var answer = decode(method, frame);
                LuxiLog.Called(logger, method, transport.Endpoint, Stopwatch.GetElapsedTime(started).TotalMilliseconds, true);
                return answer;
            }
            catch (GanetiException) when (LogFailed(method, started))
            {
                throw;
            }
            catch (LuxiFrameException ex)
            {
                keep = false;
                throw LuxiErrors.Broken(transport.Endpoint, method, ex);
            }
        }
        finally
        {
            if (keep)
            {
                _idle.Add(connection);
            }
            else
            {
                await connection.Stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Logs a call the master answered with an error; never catches.</summary>
    private bool LogFailed(string method, long started)
    {
        LuxiLog.Called(logger, method, transport.Endpoint, Stopwatch.GetElapsedTime(started).TotalMilliseconds, false);
        return false;
    }

    private async ValueTask<Connection> ConnectAsync(string method, LuxiOptions settings, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            var stream = await transport.ConnectAsync(timeout.Token).ConfigureAwait(false);
            return new Connection(stream, new LuxiFrameReader(stream, settings.MaxFrameBytes));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw LuxiErrors.Timeout(transport.Endpoint, method, "connect", settings.ConnectTimeout);
        }
    }

    private sealed record Connection(Stream Stream, LuxiFrameReader Reader);

    /// <summary>A reused idle connection turned out closed before it answered (only read-only calls reuse connections).</summary>
    private sealed class StaleConnectionException(Exception? inner) : Exception("The reused connection was closed before an answer arrived", inner);
}
