using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>Lists of one item are kept without an array; they must behave like any other list.</summary>
public class FieldValueTests
{
    public static TheoryData<string> OneItems => new()
    {
        "\"aa:00:00:12:34:56\"",
        "42",
        "2.5",
        "true",
        "null",
        """{"mode":"bridged","link":"br0"}""",
        "[1,2]",
        "[]",
    };

    [Theory]
    [MemberData(nameof(OneItems))]
    public void OneItemList_IsWrittenReadAndComparedLikeAnArrayOfOne(string itemJson)
    {
        var item = Item(itemJson);
        var mapped = FieldValue.List([itemJson], _ => item);
        var fromArray = FieldValue.List([item]);

        Text(mapped).Should().Be("[" + itemJson + "]");
        Text(mapped).Should().Be(Text(fromArray));
        mapped.ToNode()!.ToJsonString().Should().Be("[" + itemJson + "]");
        mapped.Should().Be(fromArray);
        mapped.IsNormal.Should().BeTrue();
        mapped.TryGetList(out var items).Should().BeTrue();
        items.Should().ContainSingle().Which.Should().Be(item);
        mapped.TryGetString(out _).Should().BeFalse();
        mapped.TryGetNumber(out _, out _, out _).Should().BeFalse();
        mapped.TryGetBool(out _).Should().BeFalse();
    }

    [Fact]
    public void OneItemList_OfAOneItemList_NestsBothLists()
    {
        var inner = FieldValue.List(["x"], s => s);
        var outer = FieldValue.List([inner], v => v);

        Text(outer).Should().Be("""[["x"]]""");
        outer.TryGetList(out var items).Should().BeTrue();
        items.Should().ContainSingle().Which.Should().Be(inner);
    }

    [Fact]
    public void OneItemList_WhoseItemIsNotNormal_HoldsNull()
    {
        var value = FieldValue.List(["x"], _ => FieldValue.Unavailable);

        Text(value).Should().Be("[null]");
    }

    [Fact]
    public void Lists_OfNoneOrManyItems_AreUnchanged()
    {
        Text(FieldValue.List(Array.Empty<string>(), s => s)).Should().Be("[]");
        Text(FieldValue.List(["a", "b"], s => s)).Should().Be("""["a","b"]""");
    }

    private static FieldValue Item(string json) => JsonNode.Parse(json) switch
    {
        null => FieldValue.Null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        var node => node,
    };

    private static string Text(FieldValue value)
    {
        using var writer = new QueryJsonWriter(16);
        value.WriteTo(writer);
        return Encoding.UTF8.GetString(writer.ToArray());
    }
}
