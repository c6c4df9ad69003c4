using System.Text.Json.Nodes;

namespace Ganeti.Simulator.State;

/// <summary>
/// A job filter rule (Ganeti's <c>FilterRule</c>, design-optables): which jobs it matches
/// (<see cref="Predicates"/>) and what the queue does with them (<see cref="Action"/>).
/// The rule's id is <see cref="ConfigObject.Uuid"/>.
/// </summary>
public sealed class FilterRule : ConfigObject
{
    /// <summary>The highest job id when the rule was added; the rule applies to later jobs only.</summary>
    public long Watermark { get; set; }

    /// <summary>Lower numbers are evaluated first (0 is the highest priority).</summary>
    public long Priority { get; set; }

    /// <summary><c>[["opcode"|"jobid"|"reason", filter], …]</c>, all of which must match.</summary>
    public JsonArray Predicates { get; set; } = [];

    /// <summary><c>"ACCEPT"</c>, <c>"PAUSE"</c>, <c>"REJECT"</c>, <c>"CONTINUE"</c> or <c>["RATE_LIMIT", n]</c>.</summary>
    public JsonNode Action { get; set; } = "CONTINUE";

    /// <summary>Reason trail entries <c>[source, reason, timestamp]</c>.</summary>
    public JsonArray ReasonTrail { get; set; } = [];
}
