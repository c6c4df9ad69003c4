using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>The Query2 filter language: parsing, each operator, host names, types, errors.</summary>
public class QueryFilterTests
{
    private sealed record Item(string Name, long Size, double Ratio, bool Flag, string[] Tags, long[] Ids, string?[] Ips, long Seconds);

    private static readonly Item[] Items =
    [
        new("web1.example.com", 10, 0.5, true, ["app:web", "tier:frontend"], [1, 2], ["10.0.0.1"], 100),
        new("web10.example.com", 20, 1.5, false, ["app:web"], [3], ["10.0.0.2"], 200),
        new("db1.example.com", 30, 2.5, true, ["app:db"], [], ["10.0.0.3", "10.0.0.4"], 300),
    ];

    private static readonly FieldTable<Item> Table = new FieldList<Item>
    {
        { "name", "Name", FieldKind.Text, "Name", i => i.Name, FilterMode.Hostname },
        { "plain", "Plain", FieldKind.Text, "Name without host-name matching", i => i.Name },
        { "size", "Size", FieldKind.Number, "Size", i => i.Size },
        { "ratio", "Ratio", FieldKind.Float, "Ratio", i => i.Ratio },
        { "flag", "Flag", FieldKind.Bool, "Flag", i => i.Flag },
        { "tags", "Tags", FieldKind.Other, "Tags", i => FieldValue.Strings(i.Tags) },
        { "ids", "Ids", FieldKind.Other, "Ids", i => FieldValue.List(i.Ids, id => id) },
        { "ips", "IPs", FieldKind.Other, "IPs (the web ones have no null)", i => FieldValue.Strings(i.Ips) },
        { "ts", "Time", FieldKind.Other, "Timestamp pair", i => FieldValue.List([i.Seconds, 999_999]), FilterMode.Timestamp },
        { "nodata", "NoData", FieldKind.Text, "Never available", _ => FieldValue.NoData },
        { "offline", "Offline", FieldKind.Number, "Offline resource", _ => FieldValue.Offline },
        { "sometimes", "Sometimes", FieldKind.Number, "Only available for web1", i => i.Size == 10 ? 10 : FieldValue.Unavailable },
    }.ToTable();

    [Theory]
    [InlineData("null", "web1 web10 db1")]
    [InlineData("""["==", "name", "web1.example.com"]""", "web1")]
    [InlineData("""["==", "name", "web1"]""", "web1")]
    [InlineData("""["=", "name", "web1"]""", "web1")]
    [InlineData("""["==", "name", "web"]""", "")]
    [InlineData("""["==", "name", "web1.example"]""", "web1")]
    [InlineData("""["==", "plain", "web1"]""", "")]
    [InlineData("""["!=", "name", "web1"]""", "web10 db1")]
    [InlineData("""["==", "size", 20]""", "web10")]
    [InlineData("""["==", "size", 20.0]""", "web10")]
    [InlineData("""["!=", "size", 20]""", "web1 db1")]
    [InlineData("""["<", "size", 20]""", "web1")]
    [InlineData("""["<=", "size", 20]""", "web1 web10")]
    [InlineData("""[">", "size", 20]""", "db1")]
    [InlineData("""[">=", "size", 20]""", "web10 db1")]
    [InlineData("""["<", "ratio", 2]""", "web1 web10")]
    [InlineData("""[">=", "ratio", 1]""", "web10 db1")]
    [InlineData("""["<", "plain", "web"]""", "db1")]
    [InlineData("""[">", "plain", "web1.example.com"]""", "web10")]
    [InlineData("""["=~", "name", "^web"]""", "web1 web10")]
    [InlineData("""["=~", "name", "1\\."]""", "web1 db1")]
    [InlineData("""["=~", "name", "EXAMPLE"]""", "")]
    [InlineData("""["=[]", "tags", "app:web"]""", "web1 web10")]
    [InlineData("""["=[]", "ids", 3]""", "web10")]
    [InlineData("""["?", "flag"]""", "web1 db1")]
    [InlineData("""["!", ["?", "flag"]]""", "web10")]
    [InlineData("""["&"]""", "web1 web10 db1")]
    [InlineData("""["|"]""", "")]
    [InlineData("""["&", [">", "size", 10], ["<", "size", 30]]""", "web10")]
    [InlineData("""["|", ["==", "name", "db1"], ["==", "size", 10]]""", "web1 db1")]
    [InlineData("""["&", null, ["?", "flag"]]""", "web1 db1")]
    [InlineData("""[">", "ts", 150]""", "web10 db1")]
    [InlineData("""["==", "ts", 100]""", "web1")]
    [InlineData("""["==", "nodata", "x"]""", "web1 web10 db1")]
    [InlineData("""["!", ["==", "nodata", "x"]]""", "")]
    [InlineData("""["?", "offline"]""", "web1 web10 db1")]
    [InlineData("""["==", "sometimes", 99]""", "web10 db1")]
    public void Filter_SelectsTheExpectedItems(string filter, string expected)
    {
        Run(filter).Should().Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("""["==", "size", "x"]""", "ParameterError", "Invalid types in comparison, trying to compare 10 with 'QuotedString \"x\"'")]
    [InlineData("""["==", "name", 5]""", "ParameterError", "Invalid types in comparison, trying to compare \"web1.example.com\" with 'NumericValue 5'")]
    [InlineData("""["<", "plain", -5]""", "ParameterError", "Invalid types in comparison, trying to compare \"web1.example.com\" with 'NumericValue (-5)'")]
    [InlineData("""[">", "ratio", "x"]""", "ParameterError", "Invalid types in comparison, trying to compare 0.5 with 'QuotedString \"x\"'")]
    [InlineData("""["==", "tags", "app:web"]""", "ParameterError", "Invalid types in comparison, trying to compare [\"app:web\", \"tier:frontend\"] with 'QuotedString \"app:web\"'")]
    [InlineData("""["==", "flag", 1]""", "ParameterError", "Invalid types in comparison, trying to compare true with 'NumericValue 1'")]
    [InlineData("""["?", "size"]""", "ParameterError", "Unexpected value '10' in boolean context")]
    [InlineData("""["=~", "size", "1"]""", "ParameterError", "Invalid field value used in regexp matching, expecting string but got '10'")]
    [InlineData("""["=[]", "name", "x"]""", "GenericError", "Cannot convert value '\"web1.example.com\"', error: Unable to read list")]
    [InlineData("""["=[]", "tags", 1]""", "GenericError", "Cannot convert value '[\"app:web\", \"tier:frontend\"]', error: Unable to read Integer")]
    [InlineData("""["==", "nosuch", "x"]""", "ParameterError", "Can't find field named 'nosuch'")]
    [InlineData("""["|", ["?", "flag"], ["!", ["=~", "nosuch", "x"]]]""", "ParameterError", "Can't find field named 'nosuch'")]
    public void Filter_WithWrongTypesOrFields_FailsLikeLuxid(string filter, string errorClass, string message)
    {
        var act = () => Run(filter);

        var error = act.Should().Throw<SimError>().Which;
        error.ErrorClass.Should().Be(errorClass);
        error.Message.Should().Be(message);
    }

    [Fact]
    public void Contains_OnAListWithNulls_FailsLikeLuxid()
    {
        var table = new FieldList<Item> { { "ips", "IPs", FieldKind.Other, "IPs", _ => FieldValue.Strings(["10.0.0.1", null]) } }.ToTable();
        var filter = QueryFilterParser.Parse(JsonNode.Parse("""["=[]", "ips", "10.0.0.1"]"""));
        var passes = QueryFilterEvaluator.Compile(filter, table)!;

        var act = () => passes(Items[0]);

        act.Should().Throw<SimError>().WithMessage("Cannot convert value '[\"10.0.0.1\", null]', error: Unable to read String");
    }

    [Theory]
    [InlineData("""["~~", "name", "x"]""", "Unknown filter operand '~~'")]
    [InlineData("""["==", "name", 1.5]""", "Cannot deserialise numeric filter value, expecting integral but got a fractional value: 3 % 2")]
    [InlineData("""["==", "name", -0.25]""", "Cannot deserialise numeric filter value, expecting integral but got a fractional value: (-1) % 4")]
    [InlineData("""["==", "name", true]""", "Cannot deserialise filter value, expecting string or integer, got true")]
    [InlineData("""["==", "name", null]""", "Cannot deserialise filter value, expecting string or integer, got null")]
    [InlineData("""["==", "name", ["a"]]""", "Cannot deserialise filter value, expecting string or integer, got [\"a\"]")]
    [InlineData("""["==", "name"]""", "Cannot deserialise field/value pair, expected [fieldname, value] but got [\"name\"]")]
    [InlineData("""["<", "name", 1, 2]""", "Cannot deserialise field/value pair, expected [fieldname, value] but got [\"name\", 1, 2]")]
    [InlineData("""["!"]""", "Cannot deserialise field, expected [filter] but got []")]
    [InlineData("""["?", "a", "b"]""", "Cannot deserialise field, expected [fieldname] but got [\"a\", \"b\"]")]
    [InlineData("""["==", 1, "x"]""", "Unable to read String")]
    [InlineData("\"name\"", "Cannot deserialise filter: expected array [string, args], got \"name\"")]
    [InlineData("[]", "Cannot deserialise filter: expected array [string, args], got []")]
    [InlineData("""["&", {"a": 1}]""", "Cannot deserialise filter: expected array [string, args], got {\"a\": 1}")]
    public void Parse_InvalidFilter_FailsWithLuxidsMessage(string filter, string message)
    {
        var act = () => QueryFilterParser.Parse(JsonNode.Parse(filter));

        act.Should().Throw<QueryFilterParseException>().WithMessage(message);
    }

    [Fact]
    public void Parse_InvalidRegex_Fails()
    {
        var act = () => QueryFilterParser.Parse(JsonNode.Parse("""["=~", "name", "("]"""));

        act.Should().Throw<QueryFilterParseException>().WithMessage("Invalid regular expression '('*");
    }

    [Fact]
    public void Parse_NotEqual_IsANegatedEquality()
    {
        var filter = QueryFilterParser.Parse(JsonNode.Parse("""["!=", "name", "x"]"""));

        filter.Should().Be(new QueryFilter.Not(new QueryFilter.Comparison(ComparisonOperator.Equal, "name", FilterValue.Of("x"))));
    }

    [Theory]
    [InlineData("null", "")]
    [InlineData("""["==", "name", "a"]""", "a")]
    [InlineData("""["|", ["==", "name", "a"], ["=", "name", 5], ["|", ["==", "name", "b"]]]""", "a 5 b")]
    [InlineData("""["|"]""", "")]
    public void RequestedNames_OfOrsOfNameEqualities_AreTheNames(string filter, string expected)
    {
        var names = QueryFilterParser.Parse(JsonNode.Parse(filter)).RequestedNames("name");

        names.Should().NotBeNull();
        names!.Select(n => n.Text ?? n.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Should().Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("""["==", "uuid", "a"]""")]
    [InlineData("""["!=", "name", "a"]""")]
    [InlineData("""["&", ["==", "name", "a"]]""")]
    [InlineData("""["|", ["==", "name", "a"], ["=~", "name", "b"]]""")]
    public void RequestedNames_OfOtherFilters_AreNull(string filter)
    {
        QueryFilterParser.Parse(JsonNode.Parse(filter)).RequestedNames("name").Should().BeNull();
    }

    private static string[] Run(string filter)
    {
        var parsed = QueryFilterParser.Parse(JsonNode.Parse(filter));
        var passes = QueryFilterEvaluator.Compile(parsed, Table);
        return [.. Items.Where(i => passes is null || passes(i)).Select(i => i.Name.Split('.')[0])];
    }
}
