using System.Globalization;
using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// Ganeti's instance policy check (<c>ComputeIPolicySpecViolation</c>): the disk templates the
/// policy allows, then each spec against the min/max pair it violates least.
/// </summary>
public static class InstancePolicy
{
    /// <summary>The violations of a new instance's specs, worded as Ganeti's; empty when it fits.</summary>
    public static List<string> Violations(JsonObject ipolicy, long memory, long vcpus, int nicCount, long spindleUse, IReadOnlyList<long> diskSizes, string diskTemplate)
    {
        var tests = new List<(string Name, string Qualifier, long Value)>
        {
            ("memory-size", string.Empty, memory),
            ("cpu-count", string.Empty, vcpus),
            ("nic-count", string.Empty, nicCount),
            ("spindle-use", string.Empty, spindleUse),
        };
        tests.AddRange(diskSizes.Select((size, index) => ("disk-size", index.ToString(CultureInfo.InvariantCulture), size)));

        var allowed = ipolicy["disk-templates"] is JsonArray templates ? templates.Select(t => t?.GetValue<string>() ?? string.Empty).ToList() : [];
        var violations = new List<string>();
        if (diskSizes.Count != 0)
        {
            tests.Add(("disk-count", string.Empty, diskSizes.Count));
        }
        else if (!allowed.Contains("diskless"))
        {
            violations.Add($"Disk template diskless is not allowed (allowed templates {string.Join(", ", allowed)})");
        }

        if (diskSizes.Count > 0 && !allowed.Contains(diskTemplate))
        {
            violations.Add($"Disk template {diskTemplate} is not allowed (allowed templates: {string.Join(", ", allowed)})");
        }

        List<string>? least = null;
        foreach (var minmax in ipolicy["minmax"] as JsonArray ?? [])
        {
            var errors = tests.Select(t => OutOfRange(minmax, t.Name, t.Qualifier, t.Value)).OfType<string>().ToList();
            if (least is null || errors.Count < least.Count)
            {
                least = errors;
            }
        }

        violations.AddRange(least ?? []);
        return violations;
    }

    private static string? OutOfRange(JsonNode? minmax, string name, string qualifier, long value)
    {
        var max = minmax?["max"]?[name] is { } m ? JsonNumbers.Int64(m) : value;
        var min = minmax?["min"]?[name] is { } n ? JsonNumbers.Int64(n) : value;
        if (value <= max && value >= min)
        {
            return null;
        }

        var fqn = qualifier.Length > 0 ? $"{name}/{qualifier}" : name;
        return $"{fqn} value {value} is not in range [{min}, {max}]";
    }
}
