using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>
/// POST /2/instances/{instanceName}/replace-disks: replaces a mirrored instance's disks (the
/// body is OP_INSTANCE_REPLACE_DISKS'; <c>mode</c> is required). Without a body, the legacy
/// query form <c>?mode=&amp;remote_node=&amp;disks=&amp;iallocator=</c> is read. <c>disks</c>
/// is a list of indices or a string such as <c>"0,1"</c>; empty means all disks.
/// </summary>
[OpResource("instances_name_replace_disks")]
public sealed record ReplaceInstanceDisksCommand(string InstanceName) : OpCommand<OpInstanceReplaceDisks>, IBodyRewriter
{
    [Query("mode"), NotOpParameter]
    public string? QueryMode { get; init; }

    [Query("remote_node"), NotOpParameter]
    public string? QueryRemoteNode { get; init; }

    [Query("disks"), NotOpParameter]
    public string? QueryDisks { get; init; }

    [Query("iallocator"), NotOpParameter]
    public string? QueryIallocator { get; init; }

    public JsonNode? RewriteBody(out string? error)
    {
        error = null;
        JsonObject data;
        if (OpInput.IsTruthy(Body))
        {
            if (Body is not JsonObject body)
            {
                return Body;
            }

            data = (JsonObject)body.DeepClone();
        }
        else
        {
            data = [];
            foreach (var (key, value) in new[] { ("remote_node", QueryRemoteNode), ("mode", QueryMode), ("disks", QueryDisks), ("iallocator", QueryIallocator) })
            {
                if (value is not null)
                {
                    data[key] = value;
                }
            }
        }

        if (data.Remove("disks", out var disks) && OpInput.IsTruthy(disks))
        {
            if (disks is JsonValue text && text.GetValueKind() == JsonValueKind.String)
            {
                var indices = new JsonArray();
                foreach (var part in text.GetValue<string>().Split(','))
                {
                    if (!PythonInt.TryParse(part, out var index))
                    {
                        error = $"Invalid disk index passed: invalid literal for int() with base 10: {Quote(part)}";
                        return null;
                    }

                    indices.Add(index);
                }

                data["disks"] = indices;
            }
            else
            {
                data["disks"] = disks;
            }
        }

        return data;
    }

    /// <summary>Python's repr of a string (single quotes unless it holds one and no double quote).</summary>
    private static string Quote(string text) =>
        text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal)
            ? $"\"{text}\""
            : "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
