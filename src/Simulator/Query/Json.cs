using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Query;

internal static class Json
{
    public static JsonArray Strings(IEnumerable<string?> values) => [.. values.Select(v => (JsonNode?)v)];

    public static JsonArray Of<T>(IEnumerable<T> values, Func<T, JsonNode?> map) => [.. values.Select(map)];
}
