using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Tests.Query;

public class HaskellTextTests
{
    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(1234567.5, "1234567.5")]
    [InlineData(12345678.5, "1.23456785e7")]
    [InlineData(1795739689.002793, "1.795739689002793e9")]
    [InlineData(0.05, "5.0e-2")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(0.0, "0.0")]
    public void ShowDouble_IsHaskellsShow(double value, string expected)
    {
        HaskellText.ShowDouble(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("""["instance", ["name"], null]""", """["instance", ["name"], null]""")]
    [InlineData("""{"a":1,"b":[true,false],"c":"x\"y"}""", """{"a": 1, "b": [true, false], "c": "x\"y"}""")]
    [InlineData("""[1.5, 2.0, 1e3, -7]""", """[1.5, 2, 1000, -7]""")]
    [InlineData("\"tab\\there\"", "\"tab\\u0009here\"")]
    public void Pretty_IsTextJsonsPpValue(string json, string expected)
    {
        HaskellText.Pretty(JsonNode.Parse(json)).Should().Be(expected);
    }

    [Theory]
    [InlineData("x", "\"x\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("é1", "\"\\233\\&1\"")]
    [InlineData("line\n", "\"line\\n\"")]
    public void Show_IsHaskellsShowOfAString(string value, string expected)
    {
        HaskellText.Show(value).Should().Be(expected);
    }
}
