using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Ganeti.Application.Behaviors;

/// <summary>Logs each message's name, outcome and duration (never its contents).</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken).ConfigureAwait(false);
            LogHandled(logger, typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {MessageName} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageName, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageName} failed after {ElapsedMs:0.0} ms with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string messageName, double elapsedMs, string exceptionType);
}
