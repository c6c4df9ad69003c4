namespace Ganeti.Application.Errors;

/// <summary>The request asks for something RAPI never allows, whoever the user (e.g. a parameter that cannot be set via RAPI).</summary>
public sealed class ForbiddenException(string message) : GanetiException(message);
