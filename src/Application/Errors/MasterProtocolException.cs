namespace Ganeti.Application.Errors;

/// <summary>The master answered something that is not a valid answer (a bad frame, or a request error).</summary>
public sealed class MasterProtocolException(string message, Exception? innerException = null)
    : GanetiException(message, innerException);
