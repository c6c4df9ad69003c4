using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;

namespace Ganeti.Application.Errors;

/// <summary>
/// Ganeti's encoded exceptions, <c>[ErrorClass, [args…]]</c>, as the master sends them in a
/// failed LUXI answer and in a failed opcode's result (rapi-spec §5.3), turned into the
/// application's exceptions.
/// </summary>
public static class EncodedError
{
    /// <summary>The exception for an encoded error, or null when <paramref name="error"/> is not one.</summary>
    public static GanetiException? ToException(JsonNode? error)
    {
        if (error is not JsonArray { Count: 2 } encoded || encoded[0] is not JsonValue cls || cls.GetValueKind() != JsonValueKind.String)
        {
            return null;
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

    private static string MessageOf(JsonArray args)
    {
        if (args.Count > 0 && args[0] is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }

        return args.Count == 0 ? string.Empty : args.ToJsonString();
    }
}
