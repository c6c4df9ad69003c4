using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ganeti.Contract.Tests.Differential;

/// <summary>
/// Makes two masters' answers comparable: uuids, MAC addresses, timestamps and job ids are
/// replaced by placeholders (job ids numbered in order of first appearance).
/// </summary>
public sealed partial class Normalizer
{
    private readonly Dictionary<long, string> _jobIds = [];

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    internal static partial Regex Uuid();

    [GeneratedRegex("([0-9a-f]{2}:){5}[0-9a-f]{2}")]
    internal static partial Regex Mac();

    /// <summary>Uuids and MAC addresses in a text replaced by placeholders.</summary>
    internal static string MaskIds(string text) => Mac().Replace(Uuid().Replace(text, "<uuid>"), "<mac>");

    [GeneratedRegex(@"\b(job[= ]|Job |job )(\d+)")]
    private static partial Regex JobInText();

    /// <summary>Registers a job id so that it prints as J1, J2… wherever it appears.</summary>
    public string Job(long id)
    {
        if (!_jobIds.TryGetValue(id, out var name))
        {
            name = "J" + (_jobIds.Count + 1);
            _jobIds[id] = name;
        }

        return name;
    }

    public JsonNode? Normalize(JsonNode? node, string? key = null) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value, p.Key)))),
        JsonArray { Count: 2 } pair when IsTimestamp(pair) => "<time>",
        JsonArray { Count: 2 } submitted when IsSubmitted(submitted) => new JsonArray(true, Job(submitted[1]!.GetValue<long>())),
        JsonArray { Count: 3 } entry when IsReasonEntry(entry) => new JsonArray(entry[0]!.DeepClone(), Text(entry[1]!.GetValue<string>()), "<ns>"),
        JsonArray list => new JsonArray([.. list.Select(i => Normalize(i, key))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Text(v.GetValue<string>()),
        JsonValue v when key is "ctime" or "mtime" => "<time>",
        JsonValue v when key is "id" && v.TryGetValue<long>(out var id) => Job(id),
        _ => node.DeepClone(),
    };

    private JsonNode Text(string text)
    {
        text = MaskIds(text);
        text = JobInText().Replace(text, m => m.Groups[1].Value + Job(long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        return text;
    }

    private static bool IsTimestamp(JsonArray pair) =>
        pair[0] is JsonValue s && s.TryGetValue<long>(out var seconds) && seconds > 1_000_000_000
        && pair[1] is JsonValue u && u.TryGetValue<long>(out var micros) && micros is >= 0 and < 1_000_000;

    private static bool IsSubmitted(JsonArray pair) =>
        pair[0] is JsonValue ok && ok.GetValueKind() == JsonValueKind.True && pair[1] is JsonValue id && id.TryGetValue<long>(out _);

    private static bool IsReasonEntry(JsonArray entry) =>
        entry[0] is JsonValue a && a.GetValueKind() == JsonValueKind.String
        && entry[1] is JsonValue b && b.GetValueKind() == JsonValueKind.String
        && entry[2] is JsonValue c && c.GetValueKind() == JsonValueKind.Number;
}
