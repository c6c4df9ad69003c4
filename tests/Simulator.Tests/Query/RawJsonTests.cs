using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Luxi;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Tests.Query;

public class RawJsonTests
{
    [Fact]
    public void RawJson_InsideResponseEnvelope_IsWrittenUnchanged()
    {
        var node = RawJson.Node(Encoding.UTF8.GetBytes("{\"fields\":[],\"data\":[[[0,\"x\"]]]}"));

        var bytes = LuxiMessages.EncodeResponse(true, node);

        Encoding.UTF8.GetString(bytes).Should().Be("{\"success\":true,\"result\":{\"fields\":[],\"data\":[[[0,\"x\"]]]}}");
        new JsonObject { ["r"] = RawJson.Node("[1]"u8.ToArray()) }.ToJsonString().Should().Be("{\"r\":[1]}");
    }
}
