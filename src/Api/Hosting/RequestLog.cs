using Serilog.AspNetCore;
using Serilog.Events;

namespace Ganeti.Api.Hosting;

/// <summary>
/// One log line per request: method, path, status, time, the authenticated user, the
/// client's address and the id of the job it submitted (<c>-</c> when none); never the query
/// string, headers or body, where passwords may be. A client's mistake (4xx, 501) is not an error of the service; only the
/// service's own failures are logged as errors, the master's (502–504) as warnings.
/// </summary>
public static class RequestLog
{
    public const string Template = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms for {User} from {ClientAddress} job {JobId}";

    public static void Configure(RequestLoggingOptions options)
    {
        options.MessageTemplate = Template;
        options.GetLevel = (context, _, exception) => LevelOf(context.Response.StatusCode, exception);
        options.EnrichDiagnosticContext = (diagnostics, context) =>
        {
            diagnostics.Set("User", context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "-");
            diagnostics.Set("ClientAddress", context.Connection.RemoteIpAddress?.ToString() ?? "-");
            diagnostics.Set("JobId", context.Features.Get<Http.SubmittedJob>() is { } job ? job.Id.Value : "-");
        };
    }

    public static LogEventLevel LevelOf(int status, Exception? exception) => status switch
    {
        _ when exception is not null => LogEventLevel.Error,
        StatusCodes.Status501NotImplemented => LogEventLevel.Information,
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout => LogEventLevel.Warning,
        >= 500 => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };
}
