using Ganeti.Luxi;

namespace Ganeti.Fuzz.Tests;

/// <summary>What fuzzing found, each defect as the input that showed it, after the fix.</summary>
public sealed class FindingRegressionTests
{
    /// <summary>
    /// JsonNode reads names lazily: a LUXI frame with invalid UTF-8 in a name parsed, then threw
    /// InvalidOperationException where the message was looked at (the master's request loop,
    /// the gateway's response reader) instead of being refused as a malformed message.
    /// </summary>
    [Fact]
    public void LuxiFrame_WithInvalidUtf8InAName_IsRefusedAsMalformed()
    {
        byte[] frame = [.. "{\"method\":\"QueryJobs\",\"args\":[],\""u8, 0x8a, .. "\":1}"u8];

        var request = LuxiMessages.DecodeRequest(frame, out var error);
        var response = () => LuxiMessages.DecodeResponse(frame);
        var raw = () => LuxiMessages.DecodeResponseRaw(frame);

        request.Should().BeNull();
        error.Should().Be("Failed to parse request: not valid UTF-8");
        response.Should().Throw<LuxiFrameException>().WithMessage("*not valid UTF-8*");
        raw.Should().Throw<LuxiFrameException>().WithMessage("*not valid UTF-8*");
    }

    /// <summary>
    /// A name given twice in a LUXI message: JsonNode threw ArgumentException when the object was
    /// first looked at. Now the message is refused as malformed when it is parsed.
    /// </summary>
    [Fact]
    public void LuxiFrame_WithANameGivenTwice_IsRefusedAsMalformed()
    {
        var request = LuxiMessages.DecodeRequest("{\"method\":\"QueryJobs\",\"args\":[],\"args\":[[1]]}"u8, out var error);
        var response = () => LuxiMessages.DecodeResponse("{\"success\":true,\"result\":1,\"result\":2}"u8.ToArray());

        request.Should().BeNull();
        error.Should().StartWith("Failed to parse request: ").And.Contain("Duplicate property 'args'");
        response.Should().Throw<LuxiFrameException>().WithMessage("*Duplicate property 'result'*");
    }

    /// <summary>
    /// A RAPI body with invalid UTF-8 in a string (<c>PUT /2/groups/default/modify</c>) or a GET
    /// with such a body (<c>GET /2/jobs/1</c>) was a 500: JsonDocument decodes strings only when
    /// they are read. Now it is a 400 "Unable to parse JSON data" (the request target throws on a 500).
    /// </summary>
    [Theory]
    [InlineData("/2/groups/default/modify")]
    [InlineData("/2/jobs/1")]
    public void RapiBody_WithInvalidUtf8_IsABadRequest(string path)
    {
        var route = Enumerable.Range(0, 256).Select(i => (byte)i).First(i => RequestTarget.RouteOf([i]).Path == path && RequestTarget.RouteOf([i]).Method != "DELETE");
        byte[] input = [route, .. "{\"alloc_policy\": \"last_"u8, 0xff, .. "resort\"}"u8];

        var send = () => RequestTarget.Body(input);

        send.Should().NotThrow();
    }
}
