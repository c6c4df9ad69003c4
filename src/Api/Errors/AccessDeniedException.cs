namespace Ganeti.Api.Errors;

/// <summary>A known user whose options do not grant this resource.</summary>
public sealed class AccessDeniedException() : Exception("Forbidden");
