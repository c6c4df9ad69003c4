namespace Ganeti.Infrastructure.Luxi;

/// <summary>
/// The master daemon could not be reached and the request did not reach it, so the call may be
/// retried: thrown by <see cref="ILuxiTransport.ConnectAsync"/>, and by a transport's stream
/// when it knows that what was written never got to the master (e.g. over SSH, socat on the
/// node could not connect to the master socket).
/// </summary>
public sealed class LuxiConnectException(string message, Exception? innerException = null) : Exception(message, innerException);
