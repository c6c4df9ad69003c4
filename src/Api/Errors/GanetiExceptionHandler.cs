using System.Net;
using FluentValidation;
using Ganeti.Api.Auth;
using Ganeti.Api.Http;
using Ganeti.Application.Errors;
using Ganeti.Domain.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Ganeti.Api.Errors;

/// <summary>
/// The one place that turns failures into HTTP statuses, with Ganeti's error body
/// <c>{"code", "message", "explain"}</c>.
/// </summary>
public sealed partial class GanetiExceptionHandler(ILogger<GanetiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            LogClientGone(logger, httpContext.Request.Path);
            return true;
        }

        var (status, message) = Map(exception);
        if (status == HttpStatusCode.InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        if (status == HttpStatusCode.RequestTimeout)
        {
            // What is left of the body will not be read: the connection ends with this answer.
            httpContext.Response.Headers.Connection = "close";
        }

        if (status == HttpStatusCode.Unauthorized)
        {
            httpContext.Response.Headers.WWWAuthenticate = $"Basic realm=\"{RapiAuthentication.Realm}\"";
        }

        await RapiResults.WriteErrorAsync(httpContext, status, message).ConfigureAwait(false);
        return true;
    }

    public static (HttpStatusCode Status, string Message) Map(Exception exception) => exception switch
    {
        ValidationException v => (HttpStatusCode.BadRequest, string.Join("; ", v.Errors.Select(e => e.ErrorMessage).Distinct())),
        BadRequestException e => (HttpStatusCode.BadRequest, e.Message),
        BadHttpRequestException e => ((HttpStatusCode)e.StatusCode, e.Message),
        UnsupportedMediaTypeException => (HttpStatusCode.UnsupportedMediaType, string.Empty),
        BodyTimeoutException => (HttpStatusCode.RequestTimeout, string.Empty),
        AuthenticationRequiredException => (HttpStatusCode.Unauthorized, string.Empty),
        AccessDeniedException => (HttpStatusCode.Forbidden, string.Empty),
        ForbiddenException e => (HttpStatusCode.Forbidden, e.Message),
        UnavailableException e => (HttpStatusCode.ServiceUnavailable, e.Message),
        NotFoundException e => (HttpStatusCode.NotFound, e.Message),
        MethodNotSupportedException e => (HttpStatusCode.NotImplemented, e.Message),
        OpPrereqException { Code: ErrorCode.NoEntity } e => (HttpStatusCode.NotFound, e.Message),
        OpPrereqException { Code: ErrorCode.Invalid or ErrorCode.Exists or ErrorCode.NotUnique } e => (HttpStatusCode.BadRequest, e.Message),
        GanetiErrorException { ErrorClass: "JobLost" } e => (HttpStatusCode.NotFound, e.Message),
        GanetiErrorException { ErrorClass: "ParameterError" or "QueryFilterParseError" } e => (HttpStatusCode.BadRequest, e.Message),
        GanetiErrorException e => (HttpStatusCode.InternalServerError, e.Message),
        JobQueueUnavailableException e => (HttpStatusCode.ServiceUnavailable, e.Message),
        MasterUnreachableException e => (HttpStatusCode.BadGateway, e.Message),
        MasterProtocolException e => (HttpStatusCode.BadGateway, e.Message),
        MasterTimeoutException e => (HttpStatusCode.GatewayTimeout, e.Message),
        _ => (HttpStatusCode.InternalServerError, "Internal error"),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Client went away during {Path}")]
    private static partial void LogClientGone(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
