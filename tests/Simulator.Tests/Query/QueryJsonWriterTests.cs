using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Tests.Query;

public class QueryJsonWriterTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("""{"a":[1,-20,3.25,1795739689.002793,true,false,null,"plain"],"b":{},"c":[],"d":{"x":[[]]}}""")]
    [InlineData("""["quote \" backslash \\ tab \t newline \n", "é ü 中文 😀", "<script>&'", "\u0001\u007f"]""")]
    public void WriteNode_WritesWhatSystemTextJsonWrites(string json)
    {
        var node = JsonNode.Parse(json);
        using var writer = new QueryJsonWriter(16);

        writer.WriteNode(node);

        Encoding.UTF8.GetString(writer.ToArray()).Should().Be(node!.ToJsonString(Relaxed));
    }

    [Fact]
    public void ControlCharacters_AreEscaped_SoNoAnswerHoldsTheEndOfMessageByte()
    {
        const string Nasty = "end\u0003of\u0001message\u001f";
        using var writer = new QueryJsonWriter(8);

        writer.WriteStartObject();
        writer.WritePropertyName(Nasty);
        writer.WriteStartArray();
        writer.WriteStringValue(Nasty);
        writer.WriteNode(JsonNode.Parse("{\"k\\u0003\": [\"v\\u0003\"]}"));
        FieldValue.FromString(Nasty).WriteTo(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();

        var written = writer.ToArray();
        written.Should().NotContain(0x03);
        JsonNode.Parse(written)![Nasty]![0]!.GetValue<string>().Should().Be(Nasty);
    }

    [Fact]
    public void Query_TagWithControlCharacters_AnswerHasNoEndOfMessageByte()
    {
        var state = Ganeti.Simulator.Seed.DemoCluster.Create(DateTimeOffset.UnixEpoch);
        state.Instances.Values.First().Tags.Add("bad\u0003tag");

        var answer = QueryRunner.Query(InstanceFields.Source(state), ["name", "tags"], QueryFilter.None);

        answer.Should().NotContain(0x03);
        Encoding.UTF8.GetString(answer).Should().Contain("bad\\u0003tag");
    }

    [Fact]
    public void Cells_AreStatusValuePairs()
    {
        using var writer = new QueryJsonWriter(4);

        writer.WriteStartArray();
        writer.WriteStartNormalCell();
        FieldValue.Strings(["a", null]).WriteTo(writer);
        writer.WriteEndArray();
        writer.WriteStatusCell(ResultStatus.Unavailable);
        writer.WriteStartNormalCell();
        FieldValue.FromInt64(1234567890123).WriteTo(writer);
        writer.WriteEndArray();
        writer.WriteEndArray();

        Encoding.UTF8.GetString(writer.ToArray()).Should().Be("""[[0,["a",null]],[3,null],[0,1234567890123]]""");
    }
}
