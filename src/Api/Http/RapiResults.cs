using System.Buffers;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Reads;
using Ganeti.Domain.Common;
using Ganeti.Domain.Jobs;

namespace Ganeti.Api.Http;

/// <summary>RAPI's answers: <c>application/json</c>, the bare value and a final newline.</summary>
public static class RapiResults
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The phrase Python's HTTP server gives each status, used as <c>explain</c>.</summary>
    public static string Explain(HttpStatusCode status) => (int)status switch
    {
        400 => "Bad request syntax or unsupported method",
        401 => "No permission -- see authorization schemes",
        403 => "Request forbidden -- authorization will not help",
        404 => "Nothing matches the given URI",
        408 => "Request timed out; try again later",
        413 => "Entity is too large",
        414 => "URI is too long",
        415 => "Entity body in unsupported format",
        431 => "The server is unwilling to process the request because its header fields are too large",
        500 => "Server got itself in trouble",
        501 => "Server does not support this operation",
        502 => "Invalid responses from another server/proxy",
        503 => "The server cannot process the request due to a high load",
        504 => "The gateway server did not receive a timely response",
        _ => string.Empty,
    };

    public static IResult Ok<T>(T value) => new JsonResult<T>(value);

    /// <summary>
    /// Writes a handler's answer with status 200: a <see cref="JsonBody"/> part by part, each
    /// part sent before the next is made; a job id as its number; anything else serialized.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, object? answer)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        switch (answer)
        {
            case JsonBody body:
                await using (body.ConfigureAwait(false))
                {
                    context.Response.ContentType = "application/json";
                    var pipe = context.Response.BodyWriter;
                    while (await body.WriteNextAsync(pipe, context.RequestAborted).ConfigureAwait(false))
                    {
                        await pipe.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    }

                    pipe.Write("\n"u8);
                    await pipe.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }

                break;
            case JobId id:
                context.Features.Set(new SubmittedJob(id));
                await WriteValueAsync(context, id.Value).ConfigureAwait(false);
                break;
            case Enum value:
                await WriteValueAsync(context, WireNames.ToWire(value)).ConfigureAwait(false);
                break;
            default:
                await WriteValueAsync(context, answer).ConfigureAwait(false);
                break;
        }
    }

    public static Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string message)
    {
        var body = new JsonObject
        {
            ["code"] = (int)status,
            ["message"] = string.IsNullOrEmpty(message) ? ReasonPhrase(status) : message,
            ["explain"] = Explain(status),
        };
        context.Response.StatusCode = (int)status;
        return WriteValueAsync(context, body);
    }

    private static string ReasonPhrase(HttpStatusCode status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase((int)status);

    private static async Task WriteValueAsync<T>(HttpContext context, T value)
    {
        context.Response.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        context.Response.ContentLength = bytes.Length + 1;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
        await context.Response.Body.WriteAsync("\n"u8.ToArray()).ConfigureAwait(false);
    }

    private sealed class JsonResult<T>(T value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            return WriteValueAsync(httpContext, value);
        }
    }
}

/// <summary>The job a request submitted, kept for the request's log line.</summary>
public sealed record SubmittedJob(JobId Id);
