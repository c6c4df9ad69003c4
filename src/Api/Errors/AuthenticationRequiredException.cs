namespace Ganeti.Api.Errors;

/// <summary>Credentials are needed, or the ones sent are wrong.</summary>
public sealed class AuthenticationRequiredException() : Exception("Unauthorized");
