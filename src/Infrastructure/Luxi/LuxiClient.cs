using System.Diagnostics;
using System.Text.Json.Nodes;
using Ganeti.Infrastructure.Luxi.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>
/// Makes LUXI calls: one connection per call, one request frame, one answer frame.
/// A failed connect is retried; once request bytes may have reached the master the call
/// is never repeated (SubmitJob is not idempotent). Timeouts (connect, read/write) are
/// reported as timeouts; the caller's cancellation as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class LuxiClient(ILuxiTransport transport, IOptions<LuxiOptions> options, ILogger<LuxiClient> logger)
{
    public async ValueTask<JsonNode?> CallAsync(string method, JsonArray args, CancellationToken ct)
    {
        var settings = options.Value;
        var request = LuxiMessages.EncodeRequest(method, args, settings.Version);
        var started = Stopwatch.GetTimestamp();

        await using var stream = await ConnectAsync(method, settings, ct).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.ReadWriteTimeout);
        LuxiResponse response;
        try
        {
            await LuxiFrameWriter.WriteFrameAsync(stream, request, timeout.Token).ConfigureAwait(false);
            var reader = new LuxiFrameReader(stream, settings.MaxFrameBytes);
            var frame = await reader.ReadFrameAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new LuxiFrameException("Connection closed before an answer arrived");
            response = LuxiMessages.DecodeResponse(frame);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw LuxiErrors.Timeout(transport.Endpoint, method, "read/write", settings.ReadWriteTimeout);
        }
        catch (LuxiFrameException ex)
        {
            throw LuxiErrors.Broken(transport.Endpoint, method, ex);
        }
        catch (IOException ex)
        {
            throw LuxiErrors.Broken(transport.Endpoint, method, ex);
        }

        LuxiLog.Called(logger, method, transport.Endpoint, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.Success);
        return response.Success ? response.Result : throw LuxiErrors.Decode(method, response.Result);
    }

    private async ValueTask<Stream> ConnectAsync(string method, LuxiOptions settings, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.ConnectTimeout);
            try
            {
                return await transport.ConnectAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw LuxiErrors.Timeout(transport.Endpoint, method, "connect", settings.ConnectTimeout);
            }
            catch (LuxiConnectException ex)
            {
                LuxiLog.ConnectFailed(logger, transport.Endpoint, attempt, settings.ConnectAttempts, ex.Message);
                if (attempt >= settings.ConnectAttempts)
                {
                    throw LuxiErrors.Unreachable(ex);
                }
            }

            await Task.Delay(settings.ConnectRetryDelay, ct).ConfigureAwait(false);
        }
    }
}
