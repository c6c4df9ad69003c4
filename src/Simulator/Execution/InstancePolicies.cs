using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;

namespace Ganeti.Simulator.Execution;

/// <summary>Instance policies changed and checked as Ganeti's GetUpdatedIPolicy and InstancePolicy.CheckParameterSyntax do.</summary>
internal static class InstancePolicies
{
    private static readonly string[] Keys = ["disk-templates", "minmax", "spindle-ratio", "std", "vcpu-ratio"];
    private static readonly string[] Ratios = ["spindle-ratio", "vcpu-ratio"];
    private static readonly string[] ISpecParameters = ["cpu-count", "disk-count", "disk-size", "memory-size", "nic-count", "spindle-use"];

    /// <summary>
    /// GetUpdatedIPolicy: <paramref name="current"/> with <paramref name="changes"/>. A group's
    /// policy drops a key set to nothing or <c>default</c> and may not hold <c>std</c>; the
    /// cluster's may not unset a key. The result must be a valid policy (its <c>std</c> is
    /// checked only for the cluster).
    /// </summary>
    public static JsonObject Update(JsonObject current, JsonObject changes, bool groupPolicy, string opId)
    {
        SimError Invalid() => SimError.Prereq($"Parameter '{opId}.ipolicy' fails validation", ErrorCode.Invalid);
        var policy = current.DeepClone().AsObject();
        foreach (var (key, value) in changes)
        {
            if (!Keys.Contains(key))
            {
                throw SimError.Prereq($"Invalid key in new ipolicy: {key}", ErrorCode.Invalid);
            }

            if (!ParameterTypes.Truthy(value) || value is JsonValue d && d.TryGetValue<string>(out var text) && text == "default"
                || value is JsonArray { Count: 1 } l && l[0] is JsonValue e && e.TryGetValue<string>(out var item) && item == "default")
            {
                if (!groupPolicy)
                {
                    throw SimError.Prereq($"Can't unset ipolicy attribute '{key}' on the cluster'", ErrorCode.Invalid);
                }

                policy.Remove(key);
            }
            else if (Ratios.Contains(key))
            {
                policy[key] = ParameterTypes.PythonFloat(value) ?? throw SimError.Prereq(
                    $"Invalid value for attribute '{key}': '{PythonText.Str(value)}', error: {FloatError(value)}", ErrorCode.Invalid);
            }
            else if (key == "minmax")
            {
                foreach (var minmax in value as JsonArray ?? throw Invalid())
                {
                    foreach (var (_, spec) in minmax as JsonObject ?? throw Invalid())
                    {
                        ParameterTypes.ForceDict(spec, ParameterTypes.InstanceSpec);
                    }
                }

                policy[key] = value?.DeepClone();
            }
            else if (key == "std")
            {
                if (groupPolicy)
                {
                    throw SimError.Prereq("std cannot appear in group instance specs", ErrorCode.Invalid);
                }

                var std = current["std"] is JsonObject old ? old.DeepClone().AsObject() : [];
                foreach (var (name, spec) in value as JsonObject ?? throw Invalid())
                {
                    std[name] = spec?.DeepClone();
                }

                ParameterTypes.Force(std, ParameterTypes.InstanceSpec);
                policy[key] = std;
            }
            else
            {
                policy[key] = value is JsonArray ? value.DeepClone() : throw Invalid();
            }
        }

        if (SyntaxError(policy, checkStd: !groupPolicy) is { } error)
        {
            throw SimError.Prereq($"Invalid instance policy: {error}", ErrorCode.Invalid);
        }

        return policy;
    }

    /// <summary>Python's message for a value <c>float()</c> refuses.</summary>
    private static string FloatError(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"could not convert string to float: {PythonText.Repr(v)}",
        JsonArray => "float() argument must be a string or a real number, not 'list'",
        JsonObject => "float() argument must be a string or a real number, not 'dict'",
        _ => "float() argument must be a string or a real number, not 'NoneType'",
    };

    /// <summary>objects.InstancePolicy.CheckParameterSyntax, as the ConfigurationError's message.</summary>
    private static string? SyntaxError(JsonObject policy, bool checkStd)
    {
        if (policy["minmax"] is JsonArray minmaxes)
        {
            var std = policy["std"] as JsonObject;
            if (checkStd)
            {
                if (std is null)
                {
                    return "Missing key in ipolicy: std";
                }

                if (MissingSpecs(std) is { Length: > 0 } missingStd)
                {
                    return $"Missing instance specs parameters for std: {missingStd}";
                }
            }

            if (minmaxes.Count == 0)
            {
                return "Empty minmax specifications";
            }

            var stdIsGood = false;
            foreach (var minmax in minmaxes.OfType<JsonObject>())
            {
                var missing = new[] { "max", "min" }.Where(k => !minmax.ContainsKey(k)).ToList();
                if (missing.Count > 0)
                {
                    return $"Missing instance specification: {PythonText.CommaJoin(missing)}";
                }

                foreach (var (key, spec) in minmax)
                {
                    if (MissingSpecs(spec as JsonObject ?? []) is { Length: > 0 } missingSpec)
                    {
                        return $"Missing instance specs parameters for {key}: {missingSpec}";
                    }
                }

                var specStdOk = true;
                foreach (var name in ISpecParameters)
                {
                    var min = Query.JsonNumbers.Int64(minmax["min"]![name]);
                    var max = Query.JsonNumbers.Int64(minmax["max"]![name]);
                    if (min > max)
                    {
                        return $"Invalid specification of min/max values for {name}: {min}/{max}";
                    }

                    if (checkStd)
                    {
                        var value = std![name] is { } s ? Query.JsonNumbers.Int64(s) : min;
                        specStdOk = specStdOk && value >= min && value <= max;
                    }
                }

                stdIsGood = stdIsGood || specStdOk;
            }

            if (!stdIsGood)
            {
                return "Invalid std specifications";
            }
        }

        if (policy["disk-templates"] is JsonArray templates)
        {
            if (templates.Count == 0)
            {
                return "Instance policy must contain at least one disk template";
            }

            var wrong = templates.Select(PythonText.Str).Distinct().Where(t => !WireNames<DiskTemplate>.All.Contains(t)).ToList();
            if (wrong.Count > 0)
            {
                return $"Invalid disk template(s) {PythonText.CommaJoin(wrong)}";
            }
        }

        return null;
    }

    private static string MissingSpecs(JsonObject spec) => PythonText.CommaJoin(ISpecParameters.Where(p => !spec.ContainsKey(p)));
}
