using Ganeti.Domain.Tags;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_TAGS_DEL: remove tags from an object (<c>name</c> unset for the cluster).</summary>
public sealed record OpTagsDel(TagKind Kind, IReadOnlyList<string> Tags) : OpCode
{
    public string? Name { get; init; }
}
