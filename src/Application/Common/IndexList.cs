using System.Text.Json.Nodes;

namespace Ganeti.Application.Common;

/// <summary>The non-bulk list shape: <c>[{key: id, "uri": "/2/…/id"}]</c>.</summary>
public static class IndexList
{
    public static JsonArray Build(IEnumerable<JsonNode?> ids, string key, string uriPrefix)
    {
        var list = new JsonArray();
        foreach (var id in ids)
        {
            var text = id is JsonValue value && value.TryGetValue<string>(out var str) ? str : id?.ToJsonString();
            list.Add(new JsonObject
            {
                [key] = id?.DeepClone(),
                ["uri"] = uriPrefix + text,
            });
        }

        return list;
    }
}
