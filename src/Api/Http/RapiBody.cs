using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Api.Errors;
using Ganeti.Application.Errors;

namespace Ganeti.Api.Http;

/// <summary>
/// A request body as Ganeti reads it: empty means none (<c>null</c>); otherwise the
/// Content-Type must be exactly <c>application/json</c> and the body valid JSON, which may
/// be any JSON value.
/// </summary>
public sealed record RapiBody(JsonNode? Value)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static async ValueTask<RapiBody> BindAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return new RapiBody((JsonNode?)null);
        }

        if (!string.Equals(request.ContentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException();
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
