using FluentValidation;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>
/// PUT /2/nodes/{nodeName}/storage/modify?storage_type=&amp;name=&amp;allocatable=: changes a
/// storage unit; <c>allocatable</c>, when given, is the one change (the body is ignored).
/// </summary>
[OpResource("nodes_name_storage_modify", BodyIgnored = true)]
public sealed record ModifyNodeStorageCommand(string NodeName) : OpCommand<OpNodeModifyStorage>
{
    [Query("storage_type")]
    public string? StorageType { get; init; }

    [Query("name")]
    public string? Name { get; init; }

    [Query("allocatable"), NotOpParameter]
    public bool? Allocatable { get; init; }

    public IReadOnlyDictionary<string, object?> Changes =>
        Allocatable is { } allocatable ? new Dictionary<string, object?> { ["allocatable"] = allocatable } : new Dictionary<string, object?>();
}

public sealed partial class ModifyNodeStorageCommandValidator
{
    partial void Rules() =>
        RuleFor(c => c.Name).NotEmpty().WithMessage("Missing the required 'name' parameter");
}
