namespace Ganeti.Application.Errors;

/// <summary>The request itself is wrong (a bad parameter, body or value).</summary>
public sealed class BadRequestException(string message) : GanetiException(message);
