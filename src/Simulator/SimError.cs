using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;

namespace Ganeti.Simulator;

/// <summary>
/// An error the simulated master reports the way Ganeti encodes exceptions:
/// <c>[ErrorClass, [args…]]</c>.
/// </summary>
public sealed class SimError(string errorClass, JsonArray args, string message) : Exception(message)
{
    public string ErrorClass { get; } = errorClass;

    public JsonArray Args { get; } = args;

    public JsonArray Encode() => [ErrorClass, Args.DeepClone()];

    public static SimError Prereq(string message, ErrorCode code) =>
        new("OpPrereqError", [message, WireNames<ErrorCode>.ToWire(code)], message);

    /// <summary>An OpPrereqError Ganeti raises without an error code: its only argument is the message.</summary>
    public static SimError Prereq(string message) => new("OpPrereqError", [message], message);

    /// <summary>Another of Ganeti's error classes that carries just a message (TypeEnforcementError, HypervisorError, ConfigurationError…).</summary>
    public static SimError Of(string errorClass, string message) => new(errorClass, [message], message);

    public static SimError Exec(string message) => new("OpExecError", [message], message);

    public static SimError Generic(string message) => new("GenericError", [message], message);

    /// <summary>luxid's ParameterError, e.g. for a query filter naming an unknown field.</summary>
    public static SimError Parameter(string message) => new("ParameterError", [message], message);
}

/// <summary>A request the master could not parse; answered with a bare "Failed to parse request: …" string.</summary>
public sealed class RequestParseError(string message) : Exception(message);
