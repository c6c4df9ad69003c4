using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>
/// Filled parameters are written from shared defaults encoded once per query; the text must
/// be the merged dictionary the layers describe, in the shape's key order.
/// </summary>
public class MergedParamsTests
{
    private static readonly JsonObject Defaults = new()
    {
        ["maxmem"] = 128,
        ["minmem"] = 128,
        ["vcpus"] = 1,
        ["auto_balance"] = true,
        ["spindle_use"] = 1,
        ["always_failover"] = false,
        ["kernel_args"] = "ro console=ttyS0",
        ["ratio"] = 0.5,
    };

    public static TheoryData<string, bool> Cases => new()
    {
        { "{}", false },
        { "{}", true },
        { """{"maxmem": 1024, "vcpus": 4}""", false },
        { """{"maxmem": 1024, "vcpus": 4}""", true },
        { """{"kernel_args": "ro \"quoted\" + é", "minmem": null}""", false },
        { """{"extra": [1, 2], "maxmem": 512}""", false },
        { """{"extra": [1, 2], "maxmem": 512}""", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriteTo_WritesTheMergedDictionary_InTheShapesOrder(string own, bool sorted)
    {
        var shape = new ParamShape(sorted, excluded: new HashSet<string> { "spindle_use" });
        var ownLayer = JsonNode.Parse(own)!.AsObject();

        // Twice with one shape: the second write uses what the first encoded.
        var first = Written(new MergedParams([Defaults, ownLayer], shape));
        var second = Written(new MergedParams([Defaults, ownLayer], shape));

        var expected = Expected(ownLayer, sorted, "spindle_use");
        second.Should().Be(first);
        JsonNode.Parse(first)!.ToJsonString().Should().Be(expected.ToJsonString());
    }

    [Fact]
    public void WriteTo_WithoutDefaults_WritesTheOwnValues()
    {
        var shape = new ParamShape();

        var written = Written(new MergedParams([null, new JsonObject { ["b"] = 2, ["a"] = "x" }], shape));

        written.Should().Be("""{"b":2,"a":"x"}""");
    }

    [Fact]
    public void WriteTo_OwnValueOfAnExcludedKey_IsLeftOut()
    {
        var shape = new ParamShape(excluded: new HashSet<string> { "secret" });

        var written = Written(new MergedParams([new JsonObject { ["a"] = 1 }, new JsonObject { ["secret"] = "s", ["a"] = 2 }], shape));

        written.Should().Be("""{"a":2}""");
    }

    private static string Written(MergedParams merged)
    {
        using var writer = new QueryJsonWriter();
        merged.WriteTo(writer);
        return Encoding.UTF8.GetString(writer.ToArray());
    }

    /// <summary>The merge done by hand: defaults' keys first, then new keys, later layers winning.</summary>
    private static JsonObject Expected(JsonObject own, bool sorted, string excluded)
    {
        var keys = Defaults.Select(p => p.Key).Concat(own.Select(p => p.Key)).Distinct().Where(k => k != excluded).ToList();
        if (sorted)
        {
            keys.Sort(StringComparer.Ordinal);
        }

        var result = new JsonObject();
        foreach (var key in keys)
        {
            result[key] = (own.TryGetPropertyValue(key, out var value) ? value : Defaults[key])?.DeepClone();
        }

        return result;
    }
}
