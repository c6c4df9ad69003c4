namespace Ganeti.Api.Errors;

/// <summary>A request body that stopped arriving: no byte within the body idle timeout.</summary>
public sealed class BodyTimeoutException() : Exception("Request Timeout");
