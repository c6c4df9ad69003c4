using Ganeti.Domain.Tags;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_TAGS_GET: an object's tags (<c>name</c> unset for the cluster; RAPI asks LUXI instead).</summary>
public sealed record OpTagsGet(TagKind Kind) : OpCode
{
    [Default(false)]
    public bool? UseLocking { get; init; }

    public string? Name { get; init; }
}
