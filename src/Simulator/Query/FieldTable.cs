using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;

namespace Ganeti.Simulator.Query;

/// <summary>The query fields of one kind of object: name → how to compute the value.</summary>
public sealed class FieldTable<T>(IReadOnlyDictionary<string, Func<T, JsonNode?>> fields)
{
    public IEnumerable<string> Names => fields.Keys;

    /// <summary>The getters for <paramref name="requested"/>; unknown names fail like luxid.</summary>
    public Func<T, JsonNode?>[] Select(IReadOnlyList<string> requested)
    {
        var unknown = requested.Where(f => !fields.ContainsKey(f)).ToList();
        if (unknown.Count > 0)
        {
            throw SimError.Prereq("Unknown output fields selected: " + string.Join(", ", unknown), ErrorCode.Invalid);
        }

        return [.. requested.Select(f => fields[f])];
    }

    public static JsonArray Row(T item, Func<T, JsonNode?>[] getters)
    {
        var row = new JsonArray();
        foreach (var get in getters)
        {
            row.Add(get(item));
        }

        return row;
    }
}
