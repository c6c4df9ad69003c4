using Microsoft.Extensions.Logging;

namespace Ganeti.Infrastructure.Luxi;

internal static partial class LuxiLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "LUXI {Method} to {Endpoint} answered in {ElapsedMs:0.0} ms (success: {Success})")]
    public static partial void Called(ILogger logger, string method, string endpoint, double elapsedMs, bool success);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connect to {Endpoint} failed (attempt {Attempt} of {Attempts}): {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string endpoint, int attempt, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reused connection to {Endpoint} was closed before answering {Method} ({Reason}); asking on a fresh connection")]
    public static partial void StaleConnection(ILogger logger, string endpoint, string method, string reason);
}
