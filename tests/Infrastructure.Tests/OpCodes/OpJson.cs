using Ganeti.Domain.Common;
using Ganeti.Domain.OpCodes;
using Ganeti.Luxi.Converters;

namespace Ganeti.Infrastructure.Tests.OpCodes;

/// <summary>Helpers for the golden opcode tests.</summary>
internal static class OpJson
{
    /// <summary>A timestamp recorded from Ganeti 3.0 (capture 138).</summary>
    public const long RecordedNs = 1795739706941314304;

    public static string Of(OpCode op) => OpCodeJsonConverter.ToJsonObject(op).ToJsonString();

    public static Dictionary<string, object?> Dict(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>The trail RAPI attaches for a resource, e.g. <c>instances_name_reboot</c>.</summary>
    public static IReadOnlyList<ReasonEntry> Rapi(string resource) =>
        [new ReasonEntry(ReasonTrail.RapiSourcePrefix + resource, string.Empty, RecordedNs)];
}
