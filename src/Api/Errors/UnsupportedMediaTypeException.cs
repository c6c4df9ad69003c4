namespace Ganeti.Api.Errors;

/// <summary>A request body whose Content-Type is not exactly <c>application/json</c>.</summary>
public sealed class UnsupportedMediaTypeException() : Exception("Unsupported Media Type");
