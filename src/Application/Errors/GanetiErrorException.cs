using System.Text.Json.Nodes;

namespace Ganeti.Application.Errors;

/// <summary>
/// An error the master raised and encoded as <c>[ErrorClass, [args…]]</c>, for classes that
/// have no more specific type here (e.g. GenericError, JobLost, QueryFilterParseError).
/// </summary>
public class GanetiErrorException(string errorClass, JsonArray arguments, string message)
    : GanetiException(message)
{
    public string ErrorClass { get; } = errorClass;

    public JsonArray Arguments { get; } = arguments;
}
