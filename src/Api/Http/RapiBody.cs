using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Ganeti.Api.Errors;
using Ganeti.Api.Hosting;
using Ganeti.Application.Errors;
using Microsoft.Extensions.Options;

namespace Ganeti.Api.Http;

/// <summary>
/// A request body as Ganeti reads it: empty means none (<c>null</c>); otherwise the
/// Content-Type must be exactly <c>application/json</c> and the body valid JSON, which may
/// be any JSON value. A body that stops arriving for longer than the idle timeout is answered
/// 408 (the rate Kestrel enforces is averaged over the whole body, so a client that sends most
/// of a large body quickly could otherwise hold the request for hours).
/// </summary>
public sealed record RapiBody(JsonNode? Value)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static async ValueTask<RapiBody> BindAsync(HttpContext context)
    {
        var request = context.Request;
        var idleTimeout = context.RequestServices.GetRequiredService<IOptions<RapiOptions>>().Value.BodyIdleTimeout;
        using var buffer = await ReadAsync(request.Body, idleTimeout, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return new RapiBody((JsonNode?)null);
        }

        if (!string.Equals(request.ContentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException();
        }

        // JsonDocument leaves strings undecoded until they are read: invalid UTF-8 is refused here
        // rather than failing wherever the value is first looked at.
        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            throw new BadRequestException("Unable to parse JSON data");
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return new RapiBody(ToNode(document.RootElement));
        }
        catch (JsonException)
        {
            throw new BadRequestException("Unable to parse JSON data");
        }
    }

    private static async Task<MemoryStream> ReadAsync(Stream body, TimeSpan idleTimeout, CancellationToken aborted)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        try
        {
            while (true)
            {
                idle.CancelAfter(idleTimeout);
                var read = await body.ReadAsync(chunk, idle.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            await buffer.DisposeAsync().ConfigureAwait(false);
            throw new BodyTimeoutException();
        }
        catch (IOException e) when (!aborted.IsCancellationRequested)
        {
            // Kestrel's verdict on a malformed body (a chunk size that overflows, bad framing).
            await buffer.DisposeAsync().ConfigureAwait(false);
            throw new BadRequestException("Unable to read the request body: " + e.Message);
        }
        catch
        {
            await buffer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The parsed value; a key given twice in an object keeps its last value, as Python's json module does.</summary>
    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select(ToNode)]);
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
