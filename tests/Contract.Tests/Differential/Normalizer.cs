using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ganeti.Contract.Tests.Differential;

/// <summary>
/// Makes one master's answers comparable with another's without hiding what they refer to:
/// every uuid becomes <c>&lt;uuid1&gt;</c>, <c>&lt;uuid2&gt;</c>… and every job id the master
/// handed out becomes J1, J2… in order of first appearance, so the same object keeps its
/// placeholder and an answer that names another object differs. Numbers that are not job ids
/// of this run are left as they are. Only what is truly random or time-bound is masked, by
/// the rules of <see cref="Masks"/>.
/// </summary>
public sealed partial class Normalizer(IReadOnlySet<long>? jobIds = null)
{
    /// <summary>Every mask, what it replaces and why that cannot be compared.</summary>
    public static readonly IReadOnlyList<(string Placeholder, string Replaces, string Why)> Masks =
    [
        ("<mac>", "MAC addresses in text", "Ganeti generates an instance NIC's MAC from the cluster prefix and three random bytes"),
        ("<time>", "[seconds, microseconds] pairs after 2001, and ctime/mtime values", "when a job was received, started or ended, or an object created or changed, is the moment of the run"),
        ("<ns>", "the timestamp (nanoseconds) of a reason-trail entry", "it records the moment of submission"),
    ];

    private readonly IReadOnlySet<long> _known = jobIds ?? new HashSet<long>();
    private readonly Dictionary<long, string> _jobIds = [];
    private readonly Dictionary<string, string> _uuids = new(StringComparer.Ordinal);

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex("([0-9a-f]{2}:){5}[0-9a-f]{2}", RegexOptions.IgnoreCase)]
    private static partial Regex Mac();

    [GeneratedRegex(@"\b(job[= ]|Job |job )(\d+)")]
    private static partial Regex JobInText();

    /// <summary>A job id of this run as J1, J2… (in order of first appearance).</summary>
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
        JsonArray { Count: 2 } pair when SubmittedJob(pair) is { } id => new JsonArray(true, Job(id)),
        JsonArray { Count: 2 } dependency when key == "depends" && dependency[0] is JsonValue v && v.TryGetValue<long>(out var id) && _known.Contains(id) => new JsonArray(Job(id), Normalize(dependency[1], key)),
        JsonArray { Count: 3 } entry when key == "reason" && IsReasonEntry(entry) => new JsonArray(Text(entry[0]!.GetValue<string>()), Text(entry[1]!.GetValue<string>()), "<ns>"),
        JsonArray list => new JsonArray([.. list.Select(i => Normalize(i, key))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Text(v.GetValue<string>()),
        JsonValue when key is "ctime" or "mtime" => "<time>",
        JsonValue v when key is "id" && v.TryGetValue<long>(out var id) && _known.Contains(id) => Job(id),
        _ => node.DeepClone(),
    };

    /// <summary>A text with uuids, MACs and this run's job ids replaced as in <see cref="Normalize"/>.</summary>
    public string Text(string text)
    {
        text = Mac().Replace(text, "<mac>");
        text = Uuid().Replace(text, m => Placeholder(m.Value));
        return JobInText().Replace(text, m => long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && _known.Contains(id)
            ? m.Groups[1].Value + Job(id)
            : m.Value);
    }

    private string Placeholder(string uuid)
    {
        if (!_uuids.TryGetValue(uuid, out var name))
        {
            name = $"<uuid{_uuids.Count + 1}>";
            _uuids[uuid] = name;
        }

        return name;
    }

    private long? SubmittedJob(JsonArray pair) =>
        pair[0] is JsonValue ok && ok.GetValueKind() == JsonValueKind.True && pair[1] is JsonValue v && v.TryGetValue<long>(out var id) && _known.Contains(id) ? id : null;

    private static bool IsTimestamp(JsonArray pair) =>
        pair[0] is JsonValue s && s.TryGetValue<long>(out var seconds) && seconds > 1_000_000_000
        && pair[1] is JsonValue u && u.TryGetValue<long>(out var micros) && micros is >= 0 and < 1_000_000;

    private static bool IsReasonEntry(JsonArray entry) =>
        entry[0] is JsonValue a && a.GetValueKind() == JsonValueKind.String
        && entry[1] is JsonValue b && b.GetValueKind() == JsonValueKind.String
        && entry[2] is JsonValue c && c.GetValueKind() == JsonValueKind.Number;
}
