using Ganeti.Domain.Query;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_QUERY: a query2 query run as a job; <c>qfilter</c> is the list-based filter language.</summary>
public sealed record OpQuery(QueryResource What, [NonEmpty] IReadOnlyList<string> Fields) : OpCode
{
    [Default(false)]
    public bool? UseLocking { get; init; }

    public IReadOnlyList<object?>? Qfilter { get; init; }
}
