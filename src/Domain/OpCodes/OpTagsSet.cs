using Ganeti.Domain.Tags;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_TAGS_SET: add tags to an object (<c>name</c> unset for the cluster).</summary>
public sealed record OpTagsSet(TagKind Kind, IReadOnlyList<string> Tags) : OpCode
{
    public string? Name { get; init; }
}
