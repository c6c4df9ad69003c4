using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>
/// What rlib2 does to instance creation requests before the generic rules see them
/// (<c>R_2_instances.GetPostOpInput</c>, <c>R_2_instances_multi_alloc.GetPostOpInput</c>),
/// and the shape Ganeti requires of each disk and NIC of a new instance: its Python opcode
/// check (<c>ht.TIDiskParams</c>, <c>ht.TINicParams</c>) and what luxid can parse
/// (<c>IDiskParams</c>, <c>INicParams</c>).
/// </summary>
public static partial class InstanceRequests
{
    /// <summary>The body key naming the request's data version (rlib2's <c>_REQ_DATA_VERSION</c>).</summary>
    public const string VersionKey = "__version__";

    private const string UsbDevices = "usb_devices";

    private static readonly string[] Renames = ["os:os_type", "name:instance_name"];

    /// <summary>constants.INIC_PARAMS.</summary>
    private static readonly HashSet<string> NicKeys = new(StringComparer.Ordinal) { "bridge", "ip", "link", "mac", "mode", "name", "network", "vlan" };

    /// <summary>INicParams fields luxid reads as non-empty strings (the others, <c>ip</c> and <c>vlan</c>, may be empty).</summary>
    private static readonly HashSet<string> NonEmptyNicKeys = new(StringComparer.Ordinal) { "bridge", "link", "mac", "mode", "name", "network" };

    /// <summary>IDiskParams fields luxid reads as non-empty strings.</summary>
    private static readonly HashSet<string> TextDiskKeys = new(StringComparer.Ordinal) { "access", "adopt", "metavg", "name", "provider", "vg" };

    /// <summary>
    /// Why a creation request is refused before anything else: it must be an object of request
    /// version 1 (a missing version counts as 0, which Ganeti no longer supports). Null when it is one.
    /// </summary>
    public static string? VersionError(JsonNode? body)
    {
        if (body is not JsonObject request)
        {
            return $"Body contents: Type is '{OpInput.PythonTypeName(body)}', but 'dict' is expected";
        }

        var version = request.TryGetPropertyValue(VersionKey, out var given) ? given : 0;
        return PythonEquals(version, 0) ? "Instance creation request version 0 is no longer supported"
            : PythonEquals(version, 1) ? null
            : "Unsupported request data version " + PythonStr(version);
    }

    /// <summary>The creation body as the opcode takes it: without <c>__version__</c>, and spaces in <c>hvparams.usb_devices</c> read as commas.</summary>
    public static JsonNode? CreateBody(JsonNode? body)
    {
        if (body is not JsonObject request)
        {
            return body;
        }

        var data = (JsonObject)request.DeepClone();
        data.Remove(VersionKey);
        if (data["hvparams"] is JsonObject hvparams && hvparams[UsbDevices] is JsonValue usb && usb.GetValueKind() == JsonValueKind.String)
        {
            hvparams[UsbDevices] = usb.GetValue<string>().Replace(' ', ',');
        }

        return data;
    }

    /// <summary>
    /// The multi-allocation body as the opcode takes it: each entry of <c>instances</c> with
    /// <c>name</c> and <c>os</c> renamed, as rlib2 fills each one as an OP_INSTANCE_CREATE.
    /// </summary>
    public static JsonNode? MultiAllocBody(JsonNode? body)
    {
        if (body is not JsonObject request || request["instances"] is not JsonArray entries)
        {
            return body;
        }

        var data = (JsonObject)request.DeepClone();
        data["instances"] = new JsonArray([.. entries.Select(e => e is JsonObject entry ? WithPrivateParameters(Renamed(entry, out _)) : e?.DeepClone())]);
        return data;
    }

    /// <summary>
    /// An entry as Ganeti's Python opcode object travels inside the multi-allocation opcode: its
    /// private and secret OS parameters are empty dicts, not null, when the request gives none
    /// (luxid keeps the nested opcodes as they come, so the stored job shows them).
    /// </summary>
    private static JsonObject WithPrivateParameters(JsonObject entry)
    {
        foreach (var key in new[] { "osparams_private", "osparams_secret" })
        {
            if (entry[key] is null)
            {
                entry[key] = new JsonObject();
            }
        }

        return entry;
    }

    /// <summary>Why a multi-allocation request is refused: <c>instances</c> missing, or an entry that is not a valid creation. Null when none is.</summary>
    public static string? MultiAllocError(JsonNode? body)
    {
        if (body is not JsonObject request || !request.ContainsKey("instances"))
        {
            return "Request is missing required 'instances' field in body";
        }

        if (request["instances"] is not JsonArray entries)
        {
            return $"Invalid body parameters: (\"Parameter '{OpSchema.Of<OpInstanceMultiAlloc>().OpId}.instances' fails validation\", 'wrong_input')";
        }

        var schema = OpSchema.Of<OpInstanceCreate>();
        foreach (var entry in entries)
        {
            JsonObject parameters;
            if (entry is null)
            {
                parameters = [];
            }
            else if (entry is JsonObject given)
            {
                parameters = Renamed(given, out var clash);
                if (clash is not null)
                {
                    return clash;
                }
            }
            else
            {
                return $"Body contents: Type is '{OpInput.PythonTypeName(entry)}', but 'dict' is expected";
            }

            if (!OpInput.TryCreate(schema, parameters, out _, out var error))
            {
                return error;
            }

            if (DeviceError(parameters) is { } device)
            {
                return device;
            }
        }

        return null;
    }

    /// <summary>
    /// The first disk or NIC of a creation that Ganeti's opcode check or luxid refuses, as the
    /// opcode check words it; null when every one is acceptable.
    /// </summary>
    public static string? DeviceError(JsonNode? parameters)
    {
        if (parameters is not JsonObject op)
        {
            return null;
        }

        var opId = OpSchema.Of<OpInstanceCreate>().OpId;
        if (op["disks"] is JsonArray disks && !disks.All(IsDisk))
        {
            return FailsValidation(opId, "disks");
        }

        if (op["nics"] is JsonArray nics && !nics.All(IsNic))
        {
            return FailsValidation(opId, "nics");
        }

        return null;
    }

    private static string FailsValidation(string opId, string parameter) =>
        $"Invalid body parameters: (\"Parameter '{opId}.{parameter}' fails validation\", 'wrong_input')";

    /// <summary>A disk: keys non-empty; values non-empty strings or integers; the ones luxid types by name of their type.</summary>
    private static bool IsDisk(JsonNode? disk) =>
        disk is JsonObject parameters && parameters.All(p => p.Key.Length > 0 && (IsNonEmptyText(p.Value) || OpValues.TryInteger(p.Value, out _)) && p.Key switch
        {
            "size" => OpValues.TryInteger(p.Value, out _) || Size().IsMatch(p.Value!.GetValue<string>()),
            "mode" => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is "ro" or "rw",
            "spindles" => OpValues.TryInteger(p.Value, out _),
            _ => !TextDiskKeys.Contains(p.Key) || IsNonEmptyText(p.Value),
        });

    /// <summary>A NIC: known keys only, each a string or null (non-empty for most).</summary>
    private static bool IsNic(JsonNode? nic) =>
        nic is JsonObject parameters && parameters.All(p => NicKeys.Contains(p.Key)
            && (p.Value is null || (p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String && (!NonEmptyNicKeys.Contains(p.Key) || v.GetValue<string>().Length > 0))));

    private static bool IsNonEmptyText(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0;

    private static JsonObject Renamed(JsonObject entry, out string? clash)
    {
        var parameters = (JsonObject)entry.DeepClone();
        clash = null;
        foreach (var rename in Renames)
        {
            var (old, renamed) = (rename[..rename.IndexOf(':', StringComparison.Ordinal)], rename[(rename.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            if (parameters.ContainsKey(old) && parameters.ContainsKey(renamed))
            {
                clash ??= $"Parameter '{old}' was renamed to '{renamed}', but both are specified";
                continue;
            }

            if (parameters.Remove(old, out var value))
            {
                parameters[renamed] = value;
            }
        }

        return parameters;
    }

    /// <summary>Python's <c>==</c> of a JSON value and an integer (<c>True == 1</c>, <c>1.0 == 1</c>).</summary>
    private static bool PythonEquals(JsonNode? value, int number) => value is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.True => number == 1,
        JsonValueKind.False => number == 0,
        JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) == number,
        _ => false,
    };

    /// <summary>Python's <c>str()</c> of a JSON value, as <c>%s</c> prints it.</summary>
    private static string PythonStr(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : PythonRepr(value);

    private static string PythonRepr(JsonNode? value) => value switch
    {
        null => "None",
        JsonArray list => "[" + string.Join(", ", list.Select(PythonRepr)) + "]",
        JsonObject dict => "{" + string.Join(", ", dict.Select(p => $"'{p.Key}': {PythonRepr(p.Value)}")) + "}",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"'{v.GetValue<string>()}'",
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Number when OpValues.TryInteger(v, out var i) => i.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.Number => PythonFloat(v.GetValue<double>()),
            _ => "None",
        },
        _ => "None",
    };

    private static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text.Replace("E", "e", StringComparison.Ordinal) : text + ".0";
    }

    /// <summary>A size luxid reads (<c>parseUnit</c>): a number with an optional binary or decimal unit.</summary>
    [GeneratedRegex(@"^\s*\d+(\.\d+)?\s*([mMgGtT]([iI]?[bB])?)?\s*$")]
    private static partial Regex Size();
}
