using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Ganeti.Luxi;

/// <summary>A decoded LUXI request: <c>{"method", "args", "version"?}</c>.</summary>
public sealed record LuxiRequest(string Method, JsonArray Args, long? Version);

/// <summary>A decoded LUXI response: <c>{"success", "result"}</c>.</summary>
public sealed record LuxiResponse(bool Success, JsonNode? Result);

/// <summary>Encoding and decoding of LUXI's request and response envelopes.</summary>
public static class LuxiMessages
{
    public static byte[] EncodeRequest(string method, JsonArray args, long? version)
    {
        var obj = new JsonObject { ["method"] = method, ["args"] = args };
        if (version is not null)
        {
            obj["version"] = version;
        }

        return JsonSerializer.SerializeToUtf8Bytes(obj, LuxiJson.Options);
    }

    public static byte[] EncodeResponse(bool success, JsonNode? result) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["success"] = success, ["result"] = result }, LuxiJson.Options);

    /// <summary>Decodes a request; returns null with an error text when it is not one.</summary>
    public static LuxiRequest? DecodeRequest(ReadOnlySpan<byte> frame, out string? error)
    {
        JsonNode? node;
        try
        {
            node = LuxiJson.Parse(frame);
        }
        catch (JsonException ex)
        {
            error = "Failed to parse request: " + ex.Message;
            return null;
        }

        if (node is not JsonObject obj)
        {
            error = "Failed to parse request: not a JSON object";
            return null;
        }

        if (obj["method"] is not JsonValue m || !m.TryGetValue<string>(out var method))
        {
            error = "Failed to parse request: no method";
            return null;
        }

        if (obj["args"] is not JsonArray args)
        {
            error = "Failed to parse request: no args";
            return null;
        }

        long? version = obj["version"] is JsonValue v && v.TryGetValue<long>(out var ver) ? ver : null;
        error = null;
        args = (JsonArray)args.DeepClone();
        return new LuxiRequest(method, args, version);
    }

    /// <summary>Decodes a response envelope; throws <see cref="LuxiFrameException"/> if it is not one.</summary>
    public static LuxiResponse DecodeResponse(ReadOnlySpan<byte> frame)
    {
        JsonNode? node;
        try
        {
            node = LuxiJson.Parse(frame);
        }
        catch (JsonException ex)
        {
            throw new LuxiFrameException("Invalid JSON in LUXI response: " + ex.Message);
        }

        if (node is not JsonObject obj
            || obj["success"] is not JsonValue s
            || !s.TryGetValue<bool>(out var success)
            || !obj.ContainsKey("result"))
        {
            throw new LuxiFrameException("LUXI response lacks 'success' or 'result'");
        }

        return new LuxiResponse(success, obj["result"]?.DeepClone());
    }

    /// <summary>
    /// Reads a response envelope without parsing its <c>result</c>: whether it succeeded, and
    /// where the result's bytes are in <paramref name="frame"/>. Throws
    /// <see cref="LuxiFrameException"/> if it is not an envelope.
    /// </summary>
    public static (bool Success, int ResultStart, int ResultLength) DecodeResponseRaw(ReadOnlySpan<byte> frame)
    {
        // The result's bytes go to clients as they are: they must be valid UTF-8.
        if (!Utf8.IsValid(frame))
        {
            throw new LuxiFrameException("LUXI response is not valid UTF-8");
        }

        bool? success = null;
        int start = -1, end = -1;
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new LuxiFrameException("LUXI response is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSuccess = reader.ValueTextEquals("success"u8);
                var isResult = reader.ValueTextEquals("result"u8);
                reader.Read();
                if (isSuccess && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    success = reader.GetBoolean();
                }
                else if (isResult)
                {
                    start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    end = (int)reader.BytesConsumed;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            throw new LuxiFrameException("Invalid JSON in LUXI response: " + ex.Message);
        }

        if (success is null || start < 0)
        {
            throw new LuxiFrameException("LUXI response lacks 'success' or 'result'");
        }

        return (success.Value, start, end - start);
    }
}
