using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>Turns what luxid sends back on failure, and transport failures, into the application's exceptions.</summary>
public static class LuxiErrors
{
    /// <summary>
    /// Decodes the <c>result</c> of a <c>success: false</c> answer: normally an encoded
    /// exception <c>[ErrorClass, [args…]]</c>; a bare string is a request error (the master
    /// could not parse what it was sent).
    /// </summary>
    public static GanetiException Decode(string method, JsonNode? result)
    {
        if (result is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            return new MasterProtocolException($"LUXI {method} failed: {text.GetValue<string>()}");
        }

        if (result is not JsonArray { Count: 2 } encoded
            || encoded[0] is not JsonValue cls
            || cls.GetValueKind() != JsonValueKind.String)
        {
            return new MasterProtocolException($"LUXI {method} failed with an undecodable error: {result?.ToJsonString() ?? "null"}");
        }

        var errorClass = cls.GetValue<string>();
        var args = encoded[1] as JsonArray ?? (encoded[1] is null ? [] : [encoded[1]!.DeepClone()]);
        var message = MessageOf(args);
        switch (errorClass)
        {
            case "OpPrereqError":
                ErrorCode? code = args.Count > 1 && args[1] is JsonValue c && c.TryGetValue<string>(out var ecode) && WireNames<ErrorCode>.TryParse(ecode, out var parsed)
                    ? parsed
                    : null;
                return new OpPrereqException(message, code, (JsonArray)args.DeepClone());
            case "JobQueueFull":
                return new JobQueueUnavailableException("Job queue is full, needs archiving");
            case "JobQueueDrainError":
                return new JobQueueUnavailableException("Job queue is drained, cannot submit");
            case "GenericError" when message == "Queue drained":
                return new JobQueueUnavailableException("Job queue is drained, cannot submit");
            default:
                return new GanetiErrorException(errorClass, (JsonArray)args.DeepClone(), message);
        }
    }

    public static MasterTimeoutException Timeout(string endpoint, string method, string phase, TimeSpan limit) =>
        new($"LUXI {method} to {endpoint}: {phase} timed out after {limit.TotalSeconds:0.###} s");

    public static MasterUnreachableException Unreachable(LuxiConnectException ex) => new(ex.Message, ex);

    public static MasterProtocolException Broken(string endpoint, string method, Exception ex) =>
        new($"LUXI {method} to {endpoint}: {ex.Message}", ex);

    private static string MessageOf(JsonArray args)
    {
        if (args.Count > 0 && args[0] is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }

        return args.Count == 0 ? string.Empty : args.ToJsonString();
    }
}
