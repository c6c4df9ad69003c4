namespace Ganeti.Api.Errors;

/// <summary>The path exists but does not support the request's method (Ganeti answers 501).</summary>
public sealed class MethodNotSupportedException(string method, string path)
    : Exception($"Method {method} is unsupported for path {path}");
