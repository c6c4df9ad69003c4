using Ganeti.Domain.Query;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_QUERY_FIELDS: describe a resource's query fields (all of them when <c>fields</c> is unset).</summary>
public sealed record OpQueryFields(QueryResource What) : OpCode
{
    [NonEmpty]
    public IReadOnlyList<string>? Fields { get; init; }
}
