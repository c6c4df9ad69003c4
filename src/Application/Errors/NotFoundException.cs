namespace Ganeti.Application.Errors;

/// <summary>The object the request names does not exist.</summary>
public sealed class NotFoundException(string message) : GanetiException(message);
