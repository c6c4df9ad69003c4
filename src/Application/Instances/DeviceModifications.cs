using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ganeti.Application.Instances;

/// <summary>
/// The form of OP_INSTANCE_SET_PARAMS' <c>nics</c> and <c>disks</c> (Ganeti's
/// <c>ht.TSetParamsMods</c>, and what luxid's parser takes): a list of
/// <c>[action, index or name, {params}]</c> with action <c>add</c>, <c>attach</c>,
/// <c>remove</c>, <c>detach</c> or <c>modify</c>, or of the legacy <c>[action or index, {params}]</c>;
/// one form per list, and identifiers either all indices or all names. NIC parameters are
/// <c>mac</c>, <c>ip</c>, <c>mode</c>, <c>link</c>, <c>name</c>, <c>vlan</c>, <c>bridge</c>,
/// <c>network</c> (strings or null); disk parameters are non-empty strings or integers.
/// </summary>
public static partial class DeviceModifications
{
    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal) { "add", "attach", "remove", "detach" };

    private static readonly HashSet<string> NicParameters = new(StringComparer.Ordinal) { "mac", "ip", "mode", "link", "name", "vlan", "bridge", "network" };

    /// <summary>NIC parameters luxid reads as non-empty strings (the others may be empty).</summary>
    private static readonly HashSet<string> NonEmptyNicParameters = new(StringComparer.Ordinal) { "mac", "mode", "link", "name", "bridge", "network" };

    /// <summary>Disk parameters luxid reads as non-empty strings.</summary>
    private static readonly HashSet<string> TextDiskParameters = new(StringComparer.Ordinal) { "adopt", "vg", "metavg", "name", "provider", "access" };

    public enum Kind
    {
        Nic,
        Disk,
    }

    /// <summary>Whether <paramref name="mods"/> (absent counts as valid) has the form Ganeti accepts for <paramref name="kind"/>.</summary>
    public static bool IsValid(JsonNode? mods, Kind kind)
    {
        if (mods is not JsonArray list)
        {
            return mods is null;
        }

        if (list.Count == 0)
        {
            return true;
        }

        var legacy = list[0] is JsonArray { Count: 2 };
        bool? byIndex = null;
        foreach (var item in list)
        {
            if (item is not JsonArray entry || entry.Count != (legacy ? 2 : 3) || !Parameters(entry[^1], kind))
            {
                return false;
            }

            if (legacy)
            {
                if (!(Text(entry[0]) is { } action ? Actions.Contains(action) : Integer(entry[0]) is >= 0))
                {
                    return false;
                }

                continue;
            }

            if (Text(entry[0]) is not { } op || !(Actions.Contains(op) || op == "modify"))
            {
                return false;
            }

            var isIndex = Integer(entry[1]) is not null;
            if ((!isIndex && Text(entry[1]) is null) || (byIndex is { } previous && previous != isIndex))
            {
                return false;
            }

            byIndex = isIndex;
        }

        return true;
    }

    private static bool Parameters(JsonNode? node, Kind kind) => node is JsonObject parameters && parameters.All(p => kind == Kind.Nic ? NicParameter(p.Key, p.Value) : DiskParameter(p.Key, p.Value));

    private static bool NicParameter(string key, JsonNode? value) =>
        NicParameters.Contains(key) && (value is null || (Text(value) is { } text && (text.Length > 0 || !NonEmptyNicParameters.Contains(key))));

    private static bool DiskParameter(string key, JsonNode? value)
    {
        var text = Text(value);
        var number = Integer(value);
        if (key.Length == 0 || !(text is { Length: > 0 } || number is not null))
        {
            return false;
        }

        return key switch
        {
            "size" => number is not null || Size().IsMatch(text!),
            "spindles" => number is not null,
            "mode" => text is "ro" or "rw",
            _ when TextDiskParameters.Contains(key) => text is not null,
            _ => true,
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long? Integer(JsonNode? node) => Operations.OpValues.TryInteger(node, out var value) ? value : null;

    /// <summary>A size as Ganeti's <c>ParseUnit</c> reads it: a number and an optional unit.</summary>
    [GeneratedRegex(@"^\s*[0-9]+(\.[0-9]*)?\s*([mMgGtT]([iI]?[bB])?)?\s*$")]
    private static partial Regex Size();
}
