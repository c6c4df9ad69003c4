using System.Text.Json.Nodes;

namespace Ganeti.Application.Abstractions;

/// <summary>
/// One row of a classic query (QueryInstances, QueryNodes, QueryJobs…): one value per
/// requested field, in the order of the fields; unavailable values are null.
/// </summary>
public sealed record QueryRow(IReadOnlyList<JsonNode?> Values)
{
    /// <summary>The row as an object keyed by field name (values are copied).</summary>
    public JsonObject ToObject(IReadOnlyList<string> fields)
    {
        if (fields.Count != Values.Count)
        {
            throw new InvalidOperationException($"Row has {Values.Count} values for {fields.Count} fields");
        }

        var obj = new JsonObject();
        for (var i = 0; i < fields.Count; i++)
        {
            obj[fields[i]] = Values[i]?.DeepClone();
        }

        return obj;
    }
}
