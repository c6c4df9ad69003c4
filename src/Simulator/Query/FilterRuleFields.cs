using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Query;

/// <summary>Job filter rule query fields (Ganeti's Query/FilterRules.hs).</summary>
public static class FilterRuleFields
{
    public static FieldTable<FilterRule> Create()
    {
        var f = new FieldList<FilterRule>
        {
            { "watermark", "Watermark", FieldKind.Other, "Highest job ID used at the time when the filter was added", r => r.Watermark },
            { "priority", "Priority", FieldKind.Other, "Filter priority", r => r.Priority },
            { "predicates", "Predicates", FieldKind.Other, "List of filter predicates", r => r.Predicates },
            { "action", "Action", FieldKind.Other, "Filter action", r => r.Action },
            { "reason_trail", "ReasonTrail", FieldKind.Other, "Reason why this filter was added", r => r.ReasonTrail },
            { "uuid", "UUID", FieldKind.Other, "Filter ID", r => r.Uuid },
        };
        return f.ToTable();
    }

    /// <summary>Every rule, nicely sorted by uuid; filters are never looked up directly (there is no "name" field).</summary>
    public static QuerySource<FilterRule> Source(ClusterState state) =>
        QuerySource<FilterRule>.Scanned(Create(), () => state.FilterRules.Values.OrderBy(r => r.Uuid, NiceSort.Instance));
}
