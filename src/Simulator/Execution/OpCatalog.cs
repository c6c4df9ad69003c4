using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// The opcodes the simulated master accepts: required parameters, defaults luxid fills in,
/// what job summaries show in parentheses, and the executor.
/// </summary>
public sealed class OpCatalog
{
    private static readonly JsonObject CommonDefaults = new()
    {
        ["dry_run"] = false,
        ["debug_level"] = 0,
        ["priority"] = 0,
        ["depends"] = null,
        ["comment"] = null,
        ["reason"] = new JsonArray(),
    };

    private static readonly Dictionary<string, string> TagKindConstructors = new(StringComparer.Ordinal)
    {
        ["instance"] = "Instance",
        ["node"] = "Node",
        ["nodegroup"] = "Group",
        ["cluster"] = "Cluster",
        ["network"] = "Network",
    };

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public OpCatalog()
    {
        Add("OP_INSTANCE_REBOOT", ["instance_name", "reboot_type"], new() { ["shutdown_timeout"] = 120, ["ignore_secondaries"] = false }, Field("instance_name"), new InstanceRebootExecutor());
        Add("OP_INSTANCE_FAILOVER", ["instance_name"], new() { ["shutdown_timeout"] = 120, ["ignore_consistency"] = false, ["ignore_ipolicy"] = false, ["cleanup"] = false }, Field("instance_name"), new InstanceMoveExecutor(migrate: false));
        Add("OP_INSTANCE_MIGRATE", ["instance_name"], new() { ["allow_runtime_changes"] = true, ["ignore_ipolicy"] = false, ["cleanup"] = false, ["allow_failover"] = false, ["ignore_hvversions"] = false }, Field("instance_name"), new InstanceMoveExecutor(migrate: true));
        Add("OP_INSTANCE_REPLACE_DISKS", ["instance_name", "mode"], new() { ["early_release"] = false, ["ignore_ipolicy"] = false, ["disks"] = new JsonArray() }, Field("instance_name"), new InstanceReplaceDisksExecutor());
        Add("OP_NODE_EVACUATE", ["node_name", "mode"], new() { ["early_release"] = false }, Field("node_name"), new NodeEvacuateExecutor());
        Add("OP_TAGS_SET", ["kind", "tags"], [], null, new TagsExecutor(TagsExecutor.Mode.Set));
        Add("OP_TAGS_DEL", ["kind", "tags"], [], null, new TagsExecutor(TagsExecutor.Mode.Delete));
        Add("OP_TAGS_GET", ["kind"], new() { ["use_locking"] = false }, TagKindSummary, new TagsExecutor(TagsExecutor.Mode.Get));
        Add("OP_TAGS_SEARCH", ["pattern"], [], Field("pattern"), new TagsSearchExecutor());
        Add("OP_INSTANCE_STARTUP", ["instance_name"], new() { ["force"] = false, ["ignore_offline_nodes"] = false, ["hvparams"] = new JsonObject(), ["beparams"] = new JsonObject(), ["no_remember"] = false, ["startup_paused"] = false, ["shutdown_timeout"] = 120 }, Field("instance_name"), new InstancePowerExecutor(start: true));
        Add("OP_INSTANCE_SHUTDOWN", ["instance_name"], new() { ["force"] = false, ["ignore_offline_nodes"] = false, ["timeout"] = 120, ["no_remember"] = false }, Field("instance_name"), new InstancePowerExecutor(start: false));
        Add("OP_NODE_SET_PARAMS", ["node_name"], new() { ["force"] = false, ["auto_promote"] = false }, Field("node_name"), new NodeSetParamsExecutor());
        Add("OP_GROUP_ADD", ["group_name"], [], Field("group_name"), new GroupAddExecutor());
        Add("OP_GROUP_REMOVE", ["group_name"], [], Field("group_name"), new GroupRemoveExecutor());
        Add("OP_GROUP_RENAME", ["group_name", "new_name"], [], null, new GroupRenameExecutor());
        Add("OP_INSTANCE_QUERY_DATA", [], new() { ["use_locking"] = false, ["instances"] = new JsonArray(), ["static"] = false }, null, new InstanceQueryDataExecutor());
        Add("OP_OS_DIAGNOSE", ["output_fields"], new() { ["names"] = new JsonArray() }, null, new OsDiagnoseExecutor());
        Add("OP_TEST_DELAY", ["duration"], new() { ["on_master"] = true, ["on_nodes"] = new JsonArray(), ["repeat"] = 0, ["interruptible"] = false, ["no_locks"] = true }, Field("duration"), new TestDelayExecutor());
    }

    public IOpExecutor Executor(string opId) => _entries[opId].Executor;

    /// <summary>
    /// Checks a submitted opcode and returns it as luxid stores it (defaults filled in).
    /// Throws <see cref="RequestParseError"/> with luxid's wording when it cannot be parsed.
    /// </summary>
    public JsonObject Normalize(JsonNode? node, string method)
    {
        if (node is not JsonObject op)
        {
            throw new RequestParseError($"{method}: opcode is not an object");
        }

        if (op["OP_ID"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String)
        {
            throw new RequestParseError($"{method}: key 'OP_ID' not found");
        }

        var opId = id.GetValue<string>();
        if (!_entries.TryGetValue(opId, out var entry))
        {
            throw new RequestParseError($"{method}: Unknown opcode {opId}");
        }

        foreach (var key in entry.Required)
        {
            if (op[key] is null)
            {
                var present = string.Join(',', op.Select(p => $"\"{p.Key}\""));
                throw new RequestParseError($"{method}: key '{key}' not found, object contains only [{present}]");
            }
        }

        var normalized = new JsonObject();
        foreach (var (key, value) in CommonDefaults)
        {
            normalized[key] = (op[key] ?? value)?.DeepClone();
        }

        normalized["OP_ID"] = opId;
        foreach (var (key, value) in op)
        {
            if (!normalized.ContainsKey(key))
            {
                normalized[key] = value?.DeepClone();
            }
        }

        foreach (var (key, value) in entry.Defaults)
        {
            if (normalized[key] is null)
            {
                normalized[key] = value?.DeepClone();
            }
        }

        return normalized;
    }

    /// <summary>The job summary of an opcode: <c>INSTANCE_REBOOT(web1.example.com)</c>.</summary>
    public string Summary(JsonObject op)
    {
        var opId = op["OP_ID"]!.GetValue<string>();
        var name = Domain.OpCodes.OpIds.SummaryName(opId);
        return _entries.TryGetValue(opId, out var entry) && entry.SummaryArgument?.Invoke(op) is { } argument ? $"{name}({argument})" : name;
    }

    /// <summary>
    /// A field shown the way Ganeti shows it in summaries, with Haskell's show: strings as they
    /// are, numbers as doubles ("0.5", "1.0"); null when it is absent or of another type.
    /// </summary>
    private static Func<JsonObject, string?> Field(string field) => op => op[field] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => Query.HaskellText.ShowDouble(v.GetValue<double>()),
            _ => null,
        }
        : null;

    /// <summary>luxid shows the Haskell constructor of the tag kind, e.g. <c>TAGS_GET(TagKindCluster)</c>.</summary>
    private static string? TagKindSummary(JsonObject op) =>
        op["kind"] is JsonValue kind && kind.TryGetValue<string>(out var name) ? "TagKind" + TagKindConstructors.GetValueOrDefault(name, name) : null;

    private void Add(string opId, string[] required, JsonObject defaults, Func<JsonObject, string?>? summaryArgument, IOpExecutor executor) =>
        _entries[opId] = new Entry(required, defaults, summaryArgument, executor);

    private sealed record Entry(string[] Required, JsonObject Defaults, Func<JsonObject, string?>? SummaryArgument, IOpExecutor Executor);
}
