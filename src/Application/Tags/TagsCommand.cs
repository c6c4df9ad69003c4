using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;
using Ganeti.Domain.Tags;

namespace Ganeti.Application.Tags;

/// <summary>
/// PUT and DELETE on the five tag resources: the tags come from <c>?tag=</c> (repeated), the
/// body is ignored, and the reason trail names the resource (<c>tags</c>,
/// <c>instances_name_tags</c>, <c>nodes_name_tags</c>, <c>groups_name_tags</c>, <c>networks_name_tags</c>).
/// </summary>
public abstract record TagsCommand<TOp>(TagKind Kind, string? Name) : OpCommand<TOp>, IReasonResource
    where TOp : OpCode
{
    [Query("tag")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [Query("dry-run")]
    public bool DryRun { get; init; }

    public string ReasonResource => Kind switch
    {
        TagKind.Cluster => "tags",
        TagKind.Instance => "instances_name_tags",
        TagKind.Node => "nodes_name_tags",
        TagKind.NodeGroup => "groups_name_tags",
        _ => "networks_name_tags",
    };
}

/// <summary>PUT …/tags?tag=a&amp;tag=b: adds tags.</summary>
[OpResource("tags", BodyIgnored = true)]
public sealed record AddTagsCommand(TagKind Kind, string? Name) : TagsCommand<OpTagsSet>(Kind, Name);

/// <summary>DELETE …/tags?tag=a&amp;tag=b: removes tags.</summary>
[OpResource("tags", BodyIgnored = true)]
public sealed record DeleteTagsCommand(TagKind Kind, string? Name) : TagsCommand<OpTagsDel>(Kind, Name);
