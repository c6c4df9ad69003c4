using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Luxi;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>Turns what luxid sends back on failure, and transport failures, into the application's exceptions.</summary>
public static class LuxiErrors
{
    /// <summary>
    /// Decodes the <c>result</c> of a <c>success: false</c> answer: normally an encoded
    /// exception <c>[ErrorClass, [args…]]</c>; a bare string is a request error (the master
    /// could not parse what it was sent).
    /// </summary>
    /// <summary>The exception for a failed call whose error is given as the master's bytes.</summary>
    public static GanetiException Decode(string method, ReadOnlySpan<byte> result)
    {
        try
        {
            return Decode(method, LuxiJson.Parse(result));
        }
        catch (JsonException e)
        {
            return new MasterProtocolException($"LUXI {method} failed with an undecodable error: {e.Message}");
        }
    }

    public static GanetiException Decode(string method, JsonNode? result)
    {
        if (result is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            // Ganeti's RAPI passes the master's text on as it is (a 502 whose message is e.g. "Failed to parse request: …").
            return new MasterProtocolException(text.GetValue<string>());
        }

        return EncodedError.ToException(result)
            ?? new MasterProtocolException($"LUXI {method} failed with an undecodable error: {result?.ToJsonString() ?? "null"}");
    }

    public static MasterTimeoutException Timeout(string endpoint, string method, string phase, TimeSpan limit) =>
        new($"LUXI {method} to {endpoint}: {phase} timed out after {limit.TotalSeconds:0.###} s");

    public static MasterUnreachableException Unreachable(LuxiConnectException ex) => new(ex.Message, ex);

    public static MasterProtocolException Broken(string endpoint, string method, Exception ex) =>
        new($"LUXI {method} to {endpoint}: {ex.Message}", ex);
}
