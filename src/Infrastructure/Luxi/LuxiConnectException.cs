namespace Ganeti.Infrastructure.Luxi;

/// <summary>A connect attempt failed before any request byte was written (so it may be retried).</summary>
public sealed class LuxiConnectException(string message, Exception? innerException = null) : Exception(message, innerException);
