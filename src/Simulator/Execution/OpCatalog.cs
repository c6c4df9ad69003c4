using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// The opcodes the simulated master accepts: required parameters, defaults luxid fills in,
/// what job summaries show in parentheses, and the executor.
/// </summary>
public sealed class OpCatalog
{
    private const string DryRun = "dry_run";

    /// <summary>
    /// The parameters every opcode shares, as luxid stores them: each with its default, or null.
    /// <c>dry_run</c> is not among them: luxid keeps it only when the client sent it.
    /// </summary>
    private static readonly JsonObject CommonDefaults = [.. OpSchema.Of<OpTestDelay>().Parameters
        .Where(p => p.Property.DeclaringType == typeof(OpCode) && p.Name != DryRun)
        .Select(p => KeyValuePair.Create(p.Name, DefaultOf(p)))];

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
        Add<OpInstanceReboot>(Field("instance_name"), new InstanceRebootExecutor());
        Add<OpInstanceFailover>(Field("instance_name"), new InstanceMoveExecutor(migrate: false));
        Add<OpInstanceMigrate>(Field("instance_name"), new InstanceMoveExecutor(migrate: true));
        Add<OpInstanceReplaceDisks>(Field("instance_name"), new InstanceReplaceDisksExecutor());
        Add<OpInstanceSetParams>(Field("instance_name"), new InstanceSetParamsExecutor());
        Add<OpInstanceReinstall>(Field("instance_name"), new InstanceReinstallExecutor());
        Add<OpInstanceActivateDisks>(Field("instance_name"), new InstanceActivateDisksExecutor());
        Add<OpInstanceDeactivateDisks>(Field("instance_name"), new InstanceDeactivateDisksExecutor());
        Add<OpInstanceRecreateDisks>(Field("instance_name"), new InstanceRecreateDisksExecutor());
        Add<OpInstanceGrowDisk>(Field("instance_name"), new InstanceGrowDiskExecutor());
        Add<OpBackupPrepare>(Field("instance_name"), new BackupPrepareExecutor());
        Add<OpBackupExport>(Field("instance_name"), new BackupExportExecutor());
        Add<OpBackupRemove>(Field("instance_name"), new BackupRemoveExecutor());
        Add<OpNodeEvacuate>(Field("node_name"), new NodeEvacuateExecutor());
        Add<OpNodeMigrate>(Field("node_name"), new NodeMigrateExecutor());
        Add<OpNodePowercycle>(Field("node_name"), new NodePowercycleExecutor());
        Add<OpTagsSet>(null, new TagsExecutor(TagsExecutor.Mode.Set));
        Add<OpTagsDel>(null, new TagsExecutor(TagsExecutor.Mode.Delete));
        Add<OpTagsGet>(TagKindSummary, new TagsExecutor(TagsExecutor.Mode.Get));
        Add<OpTagsSearch>(Field("pattern"), new TagsSearchExecutor());
        Add<OpInstanceStartup>(Field("instance_name"), new InstancePowerExecutor(start: true));
        Add<OpInstanceShutdown>(Field("instance_name"), new InstancePowerExecutor(start: false));
        Add<OpNodeSetParams>(Field("node_name"), new NodeSetParamsExecutor());
        Add<OpGroupAdd>(Field("group_name"), new GroupAddExecutor());
        Add<OpGroupRemove>(Field("group_name"), new GroupRemoveExecutor());
        Add<OpGroupRename>(null, new GroupRenameExecutor());
        Add<OpNetworkAdd>(Field("network_name"), new NetworkAddExecutor());
        Add<OpNetworkRemove>(Field("network_name"), new NetworkRemoveExecutor());
        Add<OpNetworkRename>(null, new NetworkRenameExecutor());
        Add<OpNetworkSetParams>(Field("network_name"), new NetworkSetParamsExecutor());
        Add<OpNetworkConnect>(Field("network_name"), new NetworkConnectExecutor());
        Add<OpNetworkDisconnect>(Field("network_name"), new NetworkDisconnectExecutor());
        Add<OpGroupSetParams>(Field("group_name"), new GroupSetParamsExecutor());
        Add<OpGroupAssignNodes>(Field("group_name"), new GroupAssignNodesExecutor());
        Add<OpInstanceQueryData>(null, new InstanceQueryDataExecutor());
        Add<OpOsDiagnose>(null, new OsDiagnoseExecutor());
        Add<OpClusterSetParams>(null, new ClusterSetParamsExecutor());
        Add<OpClusterRedistConf>(null, new ClusterRedistConfExecutor());
        Add<OpNodeQueryStorage>(null, new NodeQueryStorageExecutor());
        Add<OpNodeModifyStorage>(Field("node_name"), new NodeModifyStorageExecutor());
        Add<OpRepairNodeStorage>(Field("node_name"), new RepairNodeStorageExecutor());
        Add<OpTestDelay>(Field("duration"), new TestDelayExecutor());
        Add<OpInstanceCreate>(Field("instance_name"), new InstanceCreateExecutor());
        Add<OpInstanceMultiAlloc>(null, new InstanceMultiAllocExecutor());
        Add<OpInstanceRemove>(Field("instance_name"), new InstanceRemoveExecutor());
        Add<OpInstanceRename>(null, new InstanceRenameExecutor());
    }

    /// <summary>The OP_IDs of every opcode the simulated master executes.</summary>
    public IEnumerable<string> OpIds => _entries.Keys;

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

        CheckReason(op, method);
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

        if (OpSchema.All.TryGetValue(opId, out var schema) && TypeProblem(op, schema) is { } typeProblem)
        {
            throw new RequestParseError($"{method}: {typeProblem}");
        }

        var normalized = new JsonObject();
        if (op[DryRun] is { } dryRun)
        {
            normalized[DryRun] = dryRun.DeepClone();
        }

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

    /// <summary>Haskell's names for the enumerations whose C# names differ, as luxid's parse errors print them.</summary>
    private static readonly Dictionary<Type, string> HaskellTypeNames = new()
    {
        [typeof(Domain.Nodes.EvacuationMode)] = "EvacMode",
    };

    /// <summary>
    /// luxid parses each parameter into its Haskell type when a job is submitted, and refuses
    /// the request when one does not read: the first such parameter, in the record's order,
    /// worded as luxid words it (<c>Can't parse value for 'mode': Invalid string value for
    /// type EvacMode: "x"</c>, <c>… 'duration': Unable to read Double</c>). Null is left to
    /// the opcode's own checks.
    /// </summary>
    private static string? TypeProblem(JsonObject op, OpSchema schema)
    {
        foreach (var parameter in schema.Parameters)
        {
            if (op[parameter.Name] is not { } value)
            {
                continue;
            }

            var kind = value.GetValueKind();
            var type = parameter.ValueType;
            string? problem = null;
            if (type == typeof(bool))
            {
                problem = kind is JsonValueKind.True or JsonValueKind.False ? null : "Unable to read Bool";
            }
            else if (type == typeof(double) || type == typeof(float))
            {
                problem = kind == JsonValueKind.Number ? null : "Unable to read Double";
            }
            else if (type == typeof(int) || type == typeof(long))
            {
                problem = kind != JsonValueKind.Number ? "Unable to read Int"
                    : parameter.Min == 0 && value.ToJsonString().StartsWith('-') ? $"Invalid value for non-negative type '{value.ToJsonString()}'"
                    : null;
            }
            else if (type == typeof(string))
            {
                problem = kind == JsonValueKind.String ? null : "Unable to read String";
            }
            else if (type.IsEnum)
            {
                var name = HaskellTypeNames.GetValueOrDefault(type, type.Name);
                problem = kind != JsonValueKind.String ? $"Can't parse value for '{name}': Unable to read String"
                    : WireNames.TryParse(type, value.GetValue<string>(), out _) ? null
                    : $"Invalid string value for type {name}: {value.ToJsonString(Unescaped)}";
            }
            else if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var g
                && (g == typeof(IReadOnlyList<>) || g == typeof(List<>) || g == typeof(IList<>) || g == typeof(IEnumerable<>))))
            {
                var element = type.IsArray ? type.GetElementType() : type.GetGenericArguments()[0];
                problem = kind != JsonValueKind.Array ? "Unable to read list"
                    : element == typeof(string) && value.AsArray().Any(e => e?.GetValueKind() != JsonValueKind.String) ? "Unable to read String"
                    : null;
            }

            if (problem is not null)
            {
                return $"Can't parse value for '{parameter.Name}': {problem}";
            }
        }

        return null;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// luxid reads the parameters common to all opcodes before the opcode itself, and among
    /// them the reason trail is required: a list of <c>[source, text, timestamp]</c> triples.
    /// </summary>
    private static void CheckReason(JsonObject op, string method)
    {
        if (!op.TryGetPropertyValue("reason", out var reason))
        {
            var present = string.Join(',', op.Select(p => $"\"{p.Key}\""));
            throw new RequestParseError($"{method}: key 'reason' not found, object contains only [{present}]");
        }

        var problem = reason is not JsonArray entries ? "list" : entries.Select(ReasonEntryProblem).FirstOrDefault(p => p is not null);
        if (problem is not null)
        {
            throw new RequestParseError($"{method}: Can't parse value for 'reason': Unable to read {problem}");
        }
    }

    private static string? ReasonEntryProblem(JsonNode? entry)
    {
        static bool IsString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String;
        return entry switch
        {
            not JsonArray { Count: 3 } => "Triple",
            JsonArray e when !IsString(e[0]) || !IsString(e[1]) => "String",
            JsonArray e when e[2] is not JsonValue n || n.GetValueKind() != JsonValueKind.Number => "Integer",
            _ => null,
        };
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

    /// <summary>Registers an opcode: its required parameters and the defaults luxid fills come from its domain record.</summary>
    private void Add<TOp>(Func<JsonObject, string?>? summaryArgument, IOpExecutor executor)
        where TOp : OpCode
    {
        var schema = OpSchema.Of<TOp>();
        var defaults = new JsonObject();
        foreach (var parameter in schema.Own.Where(p => p.HasDefault))
        {
            defaults[parameter.Name] = DefaultOf(parameter);
        }

        _entries[schema.OpId] = new Entry([.. schema.Own.Where(p => p.Required).Select(p => p.Name)], defaults, summaryArgument, executor);
    }

    /// <summary>A parameter's default as JSON: its value, an empty list or object, or null.</summary>
    private static JsonNode? DefaultOf(OpParameter parameter) => parameter switch
    {
        { DefaultEmpty: true } => parameter.ValueType.IsGenericType && parameter.ValueType.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) ? new JsonObject() : new JsonArray(),
        { DefaultValue: Enum value } => WireNames.ToWire(value),
        { DefaultValue: bool value } => value,
        { DefaultValue: int value } => value,
        { DefaultValue: long value } => value,
        { DefaultValue: double value } => value,
        { DefaultValue: string value } => value,
        _ => null,
    };

    private sealed record Entry(string[] Required, JsonObject Defaults, Func<JsonObject, string?>? SummaryArgument, IOpExecutor Executor);
}
