namespace Ganeti.Application.Errors;

/// <summary>The master daemon could not be reached (no socket, refused, connection lost).</summary>
public sealed class MasterUnreachableException(string message, Exception? innerException = null)
    : GanetiException(message, innerException);
