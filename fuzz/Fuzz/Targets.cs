using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Api.Auth;
using Ganeti.Luxi;
using Ganeti.Simulator.Query;

namespace Ganeti.Fuzz;

/// <summary>
/// The fuzz targets: each reads one input the way the service reads outside input. A target
/// returns normally for every input the service can answer (a refusal included); an
/// exception escaping it is a finding.
/// </summary>
public static class Targets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["luxi"] = Luxi,
        ["users"] = Users,
        ["filter"] = Filter,
        ["body"] = RequestTarget.Body,
        ["query"] = RequestTarget.Query,
    };

    /// <summary>
    /// LUXI frames (ended by 0x03) as both sides read them: the master reads requests, the
    /// gateway reads response envelopes, whole or without parsing the result.
    /// </summary>
    public static void Luxi(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        var reader = new LuxiFrameReader(stream, maxFrameBytes: 64 * 1024);
        while (true)
        {
            byte[]? frame;
            try
            {
                frame = reader.ReadFrameAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (LuxiFrameException)
            {
                return;
            }

            if (frame is null)
            {
                return;
            }

            var request = LuxiMessages.DecodeRequest(frame, out var error);
            if ((request is null) == (error is null))
            {
                throw new InvalidOperationException("DecodeRequest must give either a request or an error");
            }

            try
            {
                var response = LuxiMessages.DecodeResponse(frame);
                var (success, start, length) = LuxiMessages.DecodeResponseRaw(frame);
                if (success != response.Success || start < 0 || start + length > frame.Length)
                {
                    throw new InvalidOperationException($"the raw decoder disagrees: {success}/{response.Success}, result at {start}+{length} of {frame.Length}");
                }
            }
            catch (LuxiFrameException)
            {
            }
        }
    }

    /// <summary>Ganeti's RAPI users file, and a password check against every user it defines.</summary>
    public static void Users(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        foreach (var (name, user) in RapiUsersFile.Parse(text))
        {
            _ = RapiUsersFile.Verify(user, name);
            _ = RapiUsersFile.Verify(user, "secret");
        }
    }

    /// <summary>
    /// A query filter as the master receives it (inside a LUXI message, so valid UTF-8 read as
    /// LUXI reads it); a filter that parses must print back to JSON that parses to the same filter.
    /// </summary>
    public static void Filter(byte[] input)
    {
        JsonNode? node;
        try
        {
            node = LuxiJson.Parse(input);
        }
        catch (JsonException)
        {
            return;
        }

        QueryFilter filter;
        try
        {
            filter = QueryFilterParser.Parse(node);
        }
        catch (QueryFilterParseException)
        {
            return;
        }

        var printed = QueryFilterParser.ToJson(filter)?.ToJsonString();
        var again = QueryFilterParser.ToJson(QueryFilterParser.Parse(JsonNode.Parse(printed ?? "null")))?.ToJsonString();
        if (printed != again)
        {
            throw new InvalidOperationException($"a parsed filter does not print back to itself: {printed} then {again}");
        }
    }
}
